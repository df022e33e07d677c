using System.Text.Json;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Feeds.Open311;
using Dashboard.Ingest.Normalization;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Ingest.Tests.Feeds.Open311;

public class Open311ParserTests
{
    private const string Form = "application/x-www-form-urlencoded; charset=utf-8";
    private static readonly DateTimeOffset Now = new(2025, 3, 5, 2, 0, 0, TimeSpan.Zero);
    private readonly Open311Parser _parser = new(new FakeTimeProvider(Now)) { SeverityByServiceCode = new Dictionary<string, int> { ["0301"] = Severity.Moderate } };

    [Fact]
    public void Spec_post_example_normalizes_with_pii_kept_apart_and_api_key_returned()
    {
        var submission = _parser.Parse(Fixture.Bytes("Open311", "spec_post_request.form"), Form);
        var e = submission.Event;

        Assert.Equal("xyz", submission.ApiKey);
        Assert.Equal("city.gov", e.SourceSystem);
        Assert.Equal("001", e.FeedKey);
        Assert.Equal(EventState.Open, e.State);
        Assert.Equal(Now, e.OccurredAtUtc);
        Assert.Equal(new LonLat(-122.4212043, 37.76524078), e.Location!.Point);
        Assert.Equal("1234 5th street", e.AddressText);
        Assert.Equal("A large sinkhole is destroying the street", e.Description);
        Assert.Equal(["http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg"], e.MediaUrls);
        Assert.Equal("123456", e.Attributes["attribute.WHISPAWN"]);
        Assert.Equal("COISL001", e.Attributes["attribute.WHISDORN"]);
        Assert.Equal("john smith", e.Reporter!.Name);
        Assert.Equal("smit333@sfgov.edu", e.Reporter.Email);
        Assert.Equal("111111111", e.Reporter.Phone);
        Assert.DoesNotContain(e.Attributes, a => a.Value.Contains("xyz", StringComparison.Ordinal) || a.Value.Contains("smith", StringComparison.Ordinal));
        Assert.StartsWith("sha256:", e.ExternalId, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_with_the_specs_leading_zero_code_string_coordinates_and_trailing_spaces_is_tolerated()
    {
        var e = _parser.Parse(Fixture.Bytes("Open311", "chancheng_manhole_missing.json"), "application/json").Event;

        Assert.Equal("0301", e.FeedKey);
        Assert.Equal(Severity.Moderate, e.Severity);
        Assert.Equal(new LonLat(113.1135, 23.0262), e.Location!.Point);
        Assert.Equal(["https://img.chancheng.example/311/20250305/manhole-0412.jpg"], e.MediaUrls);
        Assert.Equal("night,pedestrian", e.Attributes["attribute.hazard"]);
        Assert.Contains(e.Warnings, w => w.Contains("leading zeros", StringComparison.Ordinal));
        Assert.Equal("伟 陈", e.Reporter!.Name);
        Assert.Equal("138****8000", e.Reporter.Masked().Phone);
    }

    [Fact]
    public void Address_only_request_has_no_point_and_array_attributes_are_joined()
    {
        var e = _parser.Parse(Fixture.Bytes("Open311", "chancheng_street_vending_address_only.form"), Form).Event;

        Assert.Null(e.Location);
        Assert.Equal("张槎街道 季华四路 18号", e.AddressText);
        Assert.Equal("占道,雨棚", e.Attributes["attribute.tags"]);
        Assert.Equal(Severity.Low, e.Severity);
        Assert.Null(e.Reporter);
    }

    [Fact]
    public void Resubmitting_the_same_body_gives_the_same_external_id()
    {
        var body = Fixture.Bytes("Open311", "spec_post_request.form");

        Assert.Equal(_parser.Parse(body, Form).Event.ExternalId, _parser.Parse(body, Form).Event.ExternalId);
    }

    [Theory]
    [InlineData("api_key=k&lat=23.02&long=113.12", "service_code")]
    [InlineData("api_key=k&service_code=001", "lat")]
    [InlineData("api_key=k&service_code=001&lat=23.02", "long")]
    [InlineData("api_key=k&service_code=001&lat=north&long=113.12", "lat")]
    [InlineData("api_key=k&service_code=001&address_string=x&description=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "description")]
    [InlineData("api_key=k&service_code=001&address_string=x&media_url=javascript%3Aalert(1)", "media_url")]
    public void Invalid_requests_are_rejected_naming_the_field(string body, string field)
    {
        Assert.Equal(field, Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(body), Form)).Field);
    }

    [Fact]
    public void Description_over_4000_characters_is_rejected()
    {
        var body = "service_code=001&address_string=x&description=" + new string('a', 4001);

        Assert.Contains("over the 4000 limit", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(body), Form)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Less_than_sign_in_plain_text_is_not_mistaken_for_html()
    {
        var e = _parser.Parse(Fixture.Utf8("service_code=001&address_string=x&description=water+depth+%3C+5cm"), Form).Event;

        Assert.Equal("water depth < 5cm", e.Description);
    }

    [Fact]
    public void Malformed_json_is_rejected()
    {
        Assert.Contains("not valid JSON", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8("{\"service_code\":"), "application/json")).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_body_follows_the_spec_format()
    {
        var json = Open311Parser.ErrorBody(403, "Invalid api_key received -- can't proceed with create_request.");

        using var doc = JsonDocument.Parse(json);
        var error = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(403, error.GetProperty("code").GetInt32());
        Assert.Equal("Invalid api_key received -- can't proceed with create_request.", error.GetProperty("description").GetString());
    }

    [Fact]
    public void Rejection_error_body_names_the_field()
    {
        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8("lat=1&long=2"), Form));

        Assert.Equal("[{\"code\":400,\"description\":\"service_code: is required\"}]", Open311Parser.ErrorBody(ex));
    }
}
