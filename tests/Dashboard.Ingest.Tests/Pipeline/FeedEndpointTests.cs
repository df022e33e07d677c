using System.Net;
using System.Text;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Normalization;
using Dashboard.TestSupport;

namespace Dashboard.Ingest.Tests.Pipeline;

public sealed class FeedEndpointTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_hotline_work_order_becomes_an_incident_in_its_grid_street_and_category()
    {
        var answer = await _host.Client.PostAsync("/api/feeds/hotline", Fixture.Bytes("Hotline12345", "chancheng_manhole_order_gcj02.json"), "application/json");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Created", answer.OutcomeOf());
        var incident = await _host.Client.GetJsonAsync("/api/incidents/by-source/hotline12345/4406042025030500123");
        Assert.Equal(HttpStatusCode.OK, incident.Status);
        var wgs = ChinaCoordinates.ToWgs84(113.1175, 23.0115, Crs.Gcj02);
        var place = incident.Json.GetProperty("place");
        Assert.Equal(TestCity.Shiwan.Value, place.GetProperty("street").GetString());
        Assert.Equal(GridAt(wgs), place.GetProperty("grid").GetString());
        Assert.Equal(wgs.Lon, place.GetProperty("lon").GetDouble(), 6);
        Assert.Equal(TestCatalog.ManholeMissing, incident.Str("itemCode"));
        Assert.Equal(Severity.High, incident.Json.GetProperty("severity").GetInt32());
        Assert.Equal("Reported", incident.Str("status"));
        Assert.Equal(answer.IncidentOf(), incident.Str("number"));
    }

    [Fact]
    public async Task A_cap_rainstorm_warning_becomes_a_critical_incident_pinned_at_its_area()
    {
        var answer = await _host.Client.PostAsync("/api/feeds/cap", Fixture.Bytes("Cap", "chancheng_rainstorm_red.xml"), "application/cap+xml");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{answer.IncidentOf()}");
        Assert.Equal(TestCatalog.Rainstorm, incident.Str("itemCode"));
        Assert.Equal(Severity.Critical, incident.Json.GetProperty("severity").GetInt32());
        // The warning's polygon spans 113.03–113.16 E, 22.96–23.08 N: it is pinned at the centre, in that grid.
        var place = incident.Json.GetProperty("place");
        Assert.Equal(113.095, place.GetProperty("lon").GetDouble(), 6);
        Assert.Equal(23.02, place.GetProperty("lat").GetDouble(), 6);
        Assert.Equal(GridAt(new LonLat(113.095, 23.02)), place.GetProperty("grid").GetString());
    }

    [Fact]
    public async Task An_isapi_line_crossing_is_located_from_the_camera_gps()
    {
        var answer = await _host.Client.PostAsync("/api/feeds/camera/isapi", Fixture.Bytes("Isapi", "chancheng_linedetection_gps.xml"), "application/xml");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{answer.IncidentOf()}");
        Assert.Equal(TestCatalog.LineCrossing, incident.Str("itemCode"));
        Assert.StartsWith("区域入侵 · ", incident.Str("title"), StringComparison.Ordinal);
        var place = incident.Json.GetProperty("place");
        var gps = new LonLat(place.GetProperty("lon").GetDouble(), place.GetProperty("lat").GetDouble());
        Assert.Equal(113.11, gps.Lon, 6);
        Assert.Equal(23.03, gps.Lat, 6);
        Assert.Equal(GridAt(gps), place.GetProperty("grid").GetString());
        Assert.StartsWith(TestCity.Zumiao.Value, GridAt(gps), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_isapi_multipart_push_with_a_picture_is_stored_like_the_plain_xml()
    {
        using var form = new MultipartFormDataContent("----hikboundary7e1f");
        var xml = new ByteArrayContent(Fixture.Bytes("Isapi", "chancheng_linedetection_gps.xml"));
        xml.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        form.Add(xml, "linedetection", "linedetection.xml");
        var picture = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9]);
        picture.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        form.Add(picture, "linedetectionPicture", "picture.jpg");

        var answer = await Answer.From(await _host.Client.PostAsync("/api/feeds/camera/isapi", form));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{answer.IncidentOf()}");
        Assert.Equal(TestCatalog.LineCrossing, incident.Str("itemCode"));
    }

    [Fact]
    public async Task An_open311_request_gets_a_service_request_id_that_reads_back_as_an_open_request()
    {
        var json = Fixture.Text("Open311", "chancheng_manhole_missing.json")
            .Replace("\"service_code\": 0301", "\"service_code\": \"" + TestCatalog.ManholeMissing + "\"", StringComparison.Ordinal)
            .Replace("cc-demo-key", IngestOptions.DemoKey, StringComparison.Ordinal);
        using var anonymous = _host.ClientWithKey(null);

        var posted = await anonymous.PostJsonAsync("/open311/v2/requests.json", json);

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        var id = posted.Json[0].GetProperty("service_request_id").GetString();
        var read = await anonymous.GetJsonAsync($"/open311/v2/requests/{id}.json?api_key={IngestOptions.DemoKey}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("open", read.Json[0].GetProperty("status").GetString());
        Assert.Equal(TestCatalog.ManholeMissing, read.Json[0].GetProperty("service_code").GetString());
        var listed = await anonymous.GetJsonAsync($"/open311/v2/requests.json?api_key={IngestOptions.DemoKey}&status=open&service_code={TestCatalog.ManholeMissing}");
        Assert.Contains(listed.Json.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == id);
        var services = await anonymous.GetJsonAsync("/open311/v2/services.json");
        Assert.Contains(services.Json.EnumerateArray(), s => s.GetProperty("service_code").GetString() == TestCatalog.StreetVending);
    }

    [Fact]
    public async Task A_form_encoded_open311_request_with_a_wrong_key_is_refused_in_the_spec_error_format()
    {
        using var anonymous = _host.ClientWithKey(null);
        var form = Fixture.Bytes("Open311", "chancheng_street_vending_address_only.form");

        var answer = await anonymous.PostAsync("/open311/v2/requests.json", form, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal(403, answer.Json[0].GetProperty("code").GetInt32());
        Assert.Contains("api_key", answer.Json[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redelivering_a_message_changes_nothing()
    {
        var order = Orders.Hotline("4406042025030500900", "0301", 113.12, 23.02);

        var first = await _host.Client.PostJsonAsync("/api/feeds/hotline", order);
        var second = await _host.Client.PostJsonAsync("/api/feeds/hotline", order);

        Assert.Equal("Created", first.OutcomeOf());
        Assert.Equal("Unchanged", second.OutcomeOf());
        Assert.Equal(first.IncidentOf(), second.IncidentOf());
        var all = await _host.Client.GetJsonAsync("/api/incidents?source=hotline12345");
        var only = Assert.Single(all.Json.EnumerateArray());
        Assert.Single(only.GetProperty("reports").EnumerateArray());
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_kept_in_quarantine()
    {
        var order = Orders.Hotline("4406042025030500901", "0301", 113.12, 23.02, callTime: "yesterday morning");

        var answer = await _host.Client.PostJsonAsync("/api/feeds/hotline", order);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("callTime", answer.Str("field"));
        var quarantine = await _host.Client.GetJsonAsync("/api/quarantine?source=hotline12345");
        var kept = Assert.Single(quarantine.Json.EnumerateArray());
        Assert.Equal("callTime", kept.GetProperty("field").GetString());
        Assert.Contains("yesterday morning", kept.GetProperty("payload").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_the_catalog_does_not_know_is_refused_naming_the_key_field()
    {
        var answer = await _host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500902", "9999", 113.12, 23.02));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("questionCode", answer.Str("field"));
    }

    [Theory]
    [InlineData("hostile_xxe.xml")]
    [InlineData("hostile_billion_laughs.xml")]
    public async Task Hostile_xml_is_refused_and_quarantined(string file)
    {
        var answer = await _host.Client.PostAsync("/api/feeds/cap", Fixture.Bytes("Cap", file), "application/xml");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("document", answer.Str("field"));
        var quarantine = await _host.Client.GetJsonAsync("/api/quarantine?source=cap");
        Assert.Single(quarantine.Json.EnumerateArray());
    }

    [Fact]
    public async Task A_feed_without_a_key_gets_401_and_with_a_wrong_key_403()
    {
        using var anonymous = _host.ClientWithKey(null);
        using var wrong = _host.ClientWithKey("not-the-key");
        var body = Fixture.Bytes("Cap", "chancheng_rainstorm_red.xml");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/feeds/cap", body, "application/xml")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.PostAsync("/api/feeds/cap", body, "application/xml")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.GetJsonAsync("/api/incidents")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetJsonAsync("/api/quarantine")).Status);
    }

    [Fact]
    public async Task Reports_of_one_problem_close_together_join_one_incident_and_a_distant_one_does_not()
    {
        var first = await _host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500910", "0502", 113.12000, 23.02000));
        var near = await _host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500911", "0502", 113.12015, 23.02010, callTime: "2025-03-05 08:40:00"));
        var far = await _host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500912", "0502", 113.13000, 23.02000));
        var later = await _host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500913", "0502", 113.12000, 23.02000, callTime: "2025-03-06 09:00:00"));

        Assert.Equal("Joined", near.OutcomeOf());
        Assert.Equal(first.IncidentOf(), near.IncidentOf());
        Assert.Equal("Created", far.OutcomeOf());
        Assert.Equal("Created", later.OutcomeOf());
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{first.IncidentOf()}");
        Assert.Equal(2, incident.Json.GetProperty("reports").GetArrayLength());
    }

    [Fact]
    public async Task Reports_of_one_shop_from_different_sources_fuse_into_one_incident_that_keeps_each_provenance()
    {
        var shop = new LonLat(113.0905, 23.0218);
        var hotline = await _host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500920", "0502", shop.Lon, shop.Lat, title: "广发五金店外占道经营"));
        using var citizen = _host.ClientWithKey(null);
        var form = $"api_key={IngestOptions.DemoKey}&service_code={TestCatalog.StreetVending}&lat=23.02185&long=113.09055&description=%E5%BA%97%E9%93%BA%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&requested_datetime=2025-03-05T08%3A30%3A00%2B08%3A00";
        var open311 = await citizen.PostAsync("/open311/v2/requests.json", Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, open311.Status);
        var number = hotline.IncidentOf();
        Assert.Equal(number, open311.Json[0].GetProperty("service_request_id").GetString());
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{number}");
        var reports = incident.Json.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(["hotline12345", "open311"], reports.Select(r => r.GetProperty("source").GetString()));
        Assert.Contains("same item " + TestCatalog.StreetVending, reports[1].GetProperty("joinReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKindNull, reports[0].GetProperty("joinReason").ValueKind);
        Assert.Equal("12345", reports[0].GetProperty("sourceSystem").GetString());
    }

    [Fact]
    public async Task A_point_outside_the_district_is_flagged_and_gets_no_grid()
    {
        var answer = await _host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500930", "0301", 113.2644, 23.1291));

        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{answer.IncidentOf()}");
        var place = incident.Json.GetProperty("place");
        Assert.True(place.GetProperty("outsideDistrict").GetBoolean());
        Assert.Equal(JsonValueKindNull, place.GetProperty("grid").ValueKind);
    }

    [Fact]
    public async Task A_camera_alarm_raised_cleared_and_raised_again_updates_one_alert()
    {
        static byte[] Alarm(string state, string time, string uuid) => Encoding.UTF8.GetBytes(
            Fixture.Text("Isapi", "chancheng_linedetection_gps.xml")
                .Replace("<eventState>active</eventState>", $"<eventState>{state}</eventState>", StringComparison.Ordinal)
                .Replace("2025-03-05T21:12:08+08:00", time, StringComparison.Ordinal)
                .Replace("2025030521120800137a9c0Qk1", uuid, StringComparison.Ordinal));

        var raised = await _host.Client.PostAsync("/api/feeds/camera/isapi", Alarm("active", "2025-03-05T21:12:08+08:00", "u1"), "application/xml");
        var repeated = await _host.Client.PostAsync("/api/feeds/camera/isapi", Alarm("active", "2025-03-05T21:12:30+08:00", "u2"), "application/xml");
        var cleared = await _host.Client.PostAsync("/api/feeds/camera/isapi", Alarm("inactive", "2025-03-05T21:13:30+08:00", "u3"), "application/xml");
        var again = await _host.Client.PostAsync("/api/feeds/camera/isapi", Alarm("active", "2025-03-05T21:20:00+08:00", "u4"), "application/xml");

        Assert.Equal(["Created", "AlarmUpdated", "AlarmUpdated", "AlarmUpdated"], new[] { raised, repeated, cleared, again }.Select(a => a.OutcomeOf()));
        Assert.All(new[] { repeated, cleared, again }, a => Assert.Equal(raised.IncidentOf(), a.IncidentOf()));
        Assert.Contains("cleared", cleared.Json.GetProperty("events")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var all = await _host.Client.GetJsonAsync("/api/incidents?source=isapi");
        Assert.Equal(4, Assert.Single(all.Json.EnumerateArray()).GetProperty("reports").GetArrayLength());
    }

    /// <summary>The grid code the seeded city's index gives a point.</summary>
    internal static string GridAt(LonLat point) => TestCity.Chancheng.Grids.Locate(point.Lon, point.Lat).Grid!.Code.Value;

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
