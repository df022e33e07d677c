using Dashboard.Core.Geo;
using Dashboard.Ingest.Feeds.Cap;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Tests.Feeds.Cap;

public class CapParserTests
{
    private readonly CapParser _parser = new();

    private NormalizedEvent ParseSingle(string file) => Assert.Single(_parser.Parse(Fixture.Bytes("Cap", file)).Events);

    [Fact]
    public void Thunderstorm_example_becomes_one_severe_event_with_a_lat_lon_polygon_read_as_lon_lat()
    {
        var e = ParseSingle("appendix_a2_thunderstorm.xml");

        Assert.Equal(FeedSource.Cap, e.Source);
        Assert.Equal("KSTO@NWS.NOAA.GOV", e.SourceSystem);
        Assert.Equal("KSTO1055887203", e.ExternalId);
        Assert.Equal("SEVERE THUNDERSTORM", e.FeedKey);
        Assert.Equal("SEVERE THUNDERSTORM WARNING", e.Title);
        Assert.Equal(Severity.High, e.Severity);
        Assert.Equal(EventState.Active, e.State);
        Assert.True(e.IsLive);
        Assert.Equal(new DateTimeOffset(2003, 6, 17, 21, 57, 0, TimeSpan.Zero), e.OccurredAtUtc);
        Assert.Equal(new DateTimeOffset(2003, 6, 17, 23, 0, 0, TimeSpan.Zero), e.ExpiresAtUtc);
        var polygon = Assert.Single(e.Location!.Polygons);
        Assert.Equal(5, polygon.Ring.Count);
        Assert.Equal(new LonLat(-120.14, 38.47), polygon.Ring[0]);
        Assert.Equal(["006109", "006009", "006003"], e.GeoCodes.Select(g => g.Value));
        Assert.Equal("SVR", e.Attributes["cap.eventCode.SAME"]);
        Assert.Equal("Shelter", e.Attributes["cap.responseType"]);
        Assert.Empty(e.Warnings);
    }

    [Fact]
    public void Earthquake_update_references_the_original_and_its_zero_radius_circle_is_a_point()
    {
        var e = ParseSingle("appendix_a3_earthquake.xml");

        Assert.Equal(EventState.Update, e.State);
        var reference = Assert.Single(e.References);
        Assert.Equal("trinet@caltech.edu", reference.Sender);
        Assert.Equal("TRI13970876.1", reference.Identifier);
        Assert.Equal(new DateTimeOffset(2003, 6, 12, 3, 30, 0, TimeSpan.Zero), reference.SentUtc);
        Assert.Equal(new LonLat(-115.5527, 32.9525), e.Location!.Point);
        Assert.Equal(Severity.Information, e.Severity);
        Assert.Equal("3.4 Ml", e.Attributes["cap.parameter.Magnitude"]);
    }

    [Fact]
    public void Amber_alert_in_two_languages_is_one_event_with_geocode_only_area()
    {
        var result = _parser.Parse(Fixture.Bytes("Cap", "appendix_a4_amber_alert.xml"));

        var e = Assert.Single(result.Events);
        Assert.Equal("Child Abduction", e.FeedKey);
        Assert.Equal("Amber Alert in Los Angeles County", e.Title);
        Assert.Null(e.Location);
        Assert.Equal("Los Angeles County", e.AddressText);
        Assert.Equal(new GeoCode("SAME", "006037"), Assert.Single(e.GeoCodes));
        Assert.Equal("en-US,es-US", e.Attributes["cap.languages"]);
    }

    [Fact]
    public void Text_only_area_has_an_address_but_no_geometry()
    {
        var e = ParseSingle("appendix_a1_homeland_security.xml");

        Assert.Null(e.Location);
        Assert.Equal("U.S. nationwide and interests worldwide", e.AddressText);
        Assert.Equal(["http://www.dhs.gov/dhspublic/getAdvisoryImage"], e.MediaUrls);
    }

    [Fact]
    public void Chinese_text_is_preferred_when_a_zh_cn_block_exists()
    {
        var e = ParseSingle("chancheng_rainstorm_red.xml");

        Assert.Equal("暴雨", e.FeedKey);
        Assert.Equal("禅城区暴雨红色预警", e.Title);
        Assert.Equal(Severity.Critical, e.Severity);
        Assert.Equal(new DateTimeOffset(2025, 6, 12, 0, 15, 0, TimeSpan.Zero), e.OccurredAtUtc);
        var ring = Assert.Single(e.Location!.Polygons).Ring;
        Assert.All(ring, p => Assert.InRange(p.Lon, 113.03, 113.16));
        Assert.All(ring, p => Assert.InRange(p.Lat, 22.96, 23.08));
    }

    [Fact]
    public void Cancel_with_all_clear_references_the_warning_it_lifts()
    {
        var e = ParseSingle("chancheng_rainstorm_cancel.xml");

        Assert.Equal(EventState.Cancelled, e.State);
        Assert.Equal("44060041600000_20250612081500", Assert.Single(e.References).Identifier);
    }

    [Fact]
    public void Exercise_is_flagged_not_live_with_circles_in_metres_and_lenient_times_warned()
    {
        var e = ParseSingle("chancheng_gas_leak_circles_drill.xml");

        Assert.False(e.IsLive);
        Assert.Equal(Severity.Information, e.Severity);
        Assert.Equal(2, e.Location!.Circles.Count);
        Assert.Equal(new CircleArea(new LonLat(113.1092, 23.0335), 300), e.Location.Circles[0]);
        Assert.Equal(new DateTimeOffset(2025, 4, 18, 1, 58, 30, 500, TimeSpan.Zero), e.OccurredAtUtc);
        Assert.Contains(e.Warnings, w => w.StartsWith("sent:", StringComparison.Ordinal));
        Assert.Contains(e.Warnings, w => w.StartsWith("info[0]/onset:", StringComparison.Ordinal));
        Assert.Equal("Safety,CBRNE", e.Attributes["cap.category"]);
    }

    [Fact]
    public void All_clear_alert_clears_instead_of_opening()
    {
        var xml = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml").Replace("<responseType>Shelter</responseType>", "<responseType>AllClear</responseType>");

        Assert.Equal(EventState.Cleared, Assert.Single(_parser.Parse(Fixture.Utf8(xml)).Events).State);
    }

    [Fact]
    public void Cap_1_1_namespace_is_read_with_a_warning()
    {
        var xml = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml").Replace(CapParser.Namespace12, CapParser.Namespace11);

        var e = Assert.Single(_parser.Parse(Fixture.Utf8(xml)).Events);
        Assert.Equal("KSTO1055887203", e.ExternalId);
        Assert.Contains(e.Warnings, w => w.Contains("older CAP version", StringComparison.Ordinal));
    }

    [Fact]
    public void Sent_without_offset_is_rejected_naming_the_field()
    {
        var xml = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml").Replace("2003-06-17T14:57:00-07:00", "2003-06-17 14:57");

        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml)));
        Assert.Equal("sent", ex.Field);
        Assert.Equal("'2003-06-17 14:57' is not an ISO 8601 date-time with offset (CAP requires e.g. 2003-06-17T14:57:00-07:00)", ex.Problem);
    }

    [Fact]
    public void Polygon_given_as_lon_lat_is_rejected_with_a_hint()
    {
        var xml = Fixture.Text("Cap", "chancheng_rainstorm_red.xml").Replace("23.08,113.03 23.08,113.16", "113.03,23.08 23.08,113.16");

        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml)));
        Assert.Equal("info[1]/area[0]/polygon", ex.Field);
        Assert.Contains("CAP wants latitude first", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Polygon_with_too_few_points_is_rejected()
    {
        var xml = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml").Replace("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14", "38.47,-120.14 38.34,-119.95");

        Assert.Equal("info[0]/area[0]/polygon", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml))).Field);
    }

    [Fact]
    public void Missing_identifier_is_rejected()
    {
        var xml = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml").Replace("<identifier>KSTO1055887203</identifier>", "");

        Assert.Equal("identifier", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml))).Field);
    }

    [Fact]
    public void Unknown_status_is_rejected()
    {
        var xml = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml").Replace("<status>Actual</status>", "<status>Real</status>");

        Assert.Equal("status", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml))).Field);
    }

    [Fact]
    public void External_entity_is_refused_before_any_file_is_read()
    {
        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Bytes("Cap", "hostile_xxe.xml")));

        Assert.Equal("document", ex.Field);
        Assert.Contains("DTD", ex.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        var ex = Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Bytes("Cap", "hostile_billion_laughs.xml")));

        Assert.Contains("DTD", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_document_is_refused_without_parsing()
    {
        var parser = new CapParser(new FeedParseOptions { MaxDocumentBytes = 1024 });

        var ex = Assert.Throws<FeedParseException>(() => parser.Parse(Fixture.Bytes("Cap", "appendix_a4_amber_alert.xml")));
        Assert.Equal("document", ex.Field);
        Assert.Contains("over the 1024-byte limit", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_xml_is_rejected_as_not_well_formed()
    {
        var xml = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml")[..300];

        Assert.Contains("not well-formed", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml))).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ack_messages_open_nothing()
    {
        var xml = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml").Replace("<msgType>Alert</msgType>", "<msgType>Ack</msgType>");

        var result = _parser.Parse(Fixture.Utf8(xml));
        Assert.Empty(result.Events);
        Assert.NotNull(result.IgnoredReason);
    }

    [Fact]
    public void Raw_payload_is_kept_with_its_hash()
    {
        var bytes = Fixture.Bytes("Cap", "appendix_a2_thunderstorm.xml");

        var e = Assert.Single(_parser.Parse(bytes).Events);
        Assert.Equal(bytes, e.Raw.Bytes.ToArray());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), e.Raw.Sha256);
        Assert.Equal("application/cap+xml", e.Raw.ContentType);
    }
}
