using System.Net;
using System.Text;
using System.Xml.Linq;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>GeoReport v2's XML format (mandatory in the spec) and the token lookup, beside the JSON the other tests use.</summary>
public sealed class Open311XmlTests : IAsyncLifetime
{
    private IngestHost _host = null!;
    private HttpClient _citizen = null!;

    public async Task InitializeAsync()
    {
        _host = await IngestHost.StartAsync();
        _citizen = _host.ClientWithKey(null);
    }

    public async Task DisposeAsync()
    {
        _citizen.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>A citizen's request as the spec's form body, for the test catalog's street-vending item.</summary>
    private static byte[] StreetVendingForm(string key = IngestOptions.DemoKey) => Encoding.UTF8.GetBytes(
        $"api_key={key}&service_code={TestCatalog.StreetVending}&lat=23.0295&long=113.1138"
        + "&address_string=" + Uri.EscapeDataString("禅城区祖庙路21号") + "&description=" + Uri.EscapeDataString("店铺门前占道摆卖水果")
        + "&first_name=" + Uri.EscapeDataString("伟") + "&last_name=" + Uri.EscapeDataString("陈") + "&phone=13800138000");

    private async Task<(HttpStatusCode Status, XElement Root, string ContentType)> GetXmlAsync(string path)
    {
        using var response = await _citizen.GetAsync(path);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!, response.Content.Headers.ContentType!.MediaType!);
    }

    private async Task<(HttpStatusCode Status, XElement Root)> PostXmlAsync(byte[] form)
    {
        using var response = await _citizen.PostAsync("/open311/v2/requests.xml", IngestHost.Body(form, "application/x-www-form-urlencoded"));
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!);
    }

    [Fact]
    public async Task Services_are_listed_in_the_spec_xml_shape()
    {
        var (status, root, contentType) = await GetXmlAsync("/open311/v2/services.xml");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/xml", contentType);
        Assert.Equal("services", root.Name.LocalName);
        var vending = Assert.Single(root.Elements("service"), s => (string?)s.Element("service_code") == TestCatalog.StreetVending);
        Assert.Equal("占道经营", (string?)vending.Element("service_name"));
        Assert.Equal("false", (string?)vending.Element("metadata"));
        Assert.Equal("realtime", (string?)vending.Element("type"));
    }

    [Fact]
    public async Task A_request_posted_as_xml_answers_with_its_id_and_token_and_reads_back_as_xml()
    {
        var (status, root) = await PostXmlAsync(StreetVendingForm());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("service_requests", root.Name.LocalName);
        var request = Assert.Single(root.Elements("request"));
        var id = (string)request.Element("service_request_id")!;
        var token = (string)request.Element("token")!;
        Assert.NotNull(request.Element("account_id"));
        Assert.Equal(64, token.Length);

        var (readStatus, read, _) = await GetXmlAsync($"/open311/v2/requests/{id}.xml?api_key={IngestOptions.DemoKey}");
        Assert.Equal(HttpStatusCode.OK, readStatus);
        var one = Assert.Single(read.Elements("request"));
        Assert.Equal("open", (string?)one.Element("status"));
        Assert.Equal(TestCatalog.StreetVending, (string?)one.Element("service_code"));
        Assert.Equal(23.0295, (double)one.Element("lat")!, 4);
        Assert.EndsWith("+08:00", (string?)one.Element("requested_datetime"), StringComparison.Ordinal);

        var (_, listed, _) = await GetXmlAsync($"/open311/v2/requests.xml?api_key={IngestOptions.DemoKey}&status=open&service_code={TestCatalog.StreetVending}");
        Assert.Contains(listed.Elements("request"), r => (string?)r.Element("service_request_id") == id);
    }

    [Fact]
    public async Task A_token_turns_back_into_the_request_id_in_both_formats()
    {
        var (_, posted) = await PostXmlAsync(StreetVendingForm());
        var request = posted.Element("request")!;
        var (id, token) = ((string)request.Element("service_request_id")!, (string)request.Element("token")!);

        var json = await _citizen.GetJsonAsync($"/open311/v2/tokens/{token}.json?api_key={IngestOptions.DemoKey}");
        var (xmlStatus, xml, _) = await GetXmlAsync($"/open311/v2/tokens/{token}.xml?api_key={IngestOptions.DemoKey}");

        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.Equal(id, json.Json[0].GetProperty("service_request_id").GetString());
        Assert.Equal(token, json.Json[0].GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, xmlStatus);
        Assert.Equal(id, (string?)xml.Element("request")!.Element("service_request_id"));
    }

    [Fact]
    public async Task An_unknown_token_is_a_404_in_the_spec_error_format()
    {
        var unknown = new string('a', 64);

        var json = await _citizen.GetJsonAsync($"/open311/v2/tokens/{unknown}.json?api_key={IngestOptions.DemoKey}");
        var (xmlStatus, xml, _) = await GetXmlAsync($"/open311/v2/tokens/not-a-token.xml?api_key={IngestOptions.DemoKey}");

        Assert.Equal(HttpStatusCode.NotFound, json.Status);
        Assert.Equal(404, json.Json[0].GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, xmlStatus);
        Assert.Equal("errors", xml.Name.LocalName);
        Assert.Equal("404", (string?)xml.Element("error")!.Element("code"));
    }

    [Fact]
    public async Task Errors_of_xml_requests_use_the_spec_xml_error_format()
    {
        var (keyStatus, keyError) = await PostXmlAsync(StreetVendingForm("wrong-key"));
        var (badStatus, bad) = await PostXmlAsync(Encoding.UTF8.GetBytes($"api_key={IngestOptions.DemoKey}&service_code={TestCatalog.StreetVending}"));

        Assert.Equal(HttpStatusCode.Forbidden, keyStatus);
        Assert.Equal("errors", keyError.Name.LocalName);
        Assert.Equal("403", (string?)keyError.Element("error")!.Element("code"));
        Assert.Contains("api_key", (string?)keyError.Element("error")!.Element("description"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.StartsWith("lat:", (string?)bad.Element("error")!.Element("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_requests_without_a_key_is_refused_in_xml()
    {
        var (status, root, _) = await GetXmlAsync("/open311/v2/requests.xml");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("401", (string?)root.Element("error")!.Element("code"));
    }
}
