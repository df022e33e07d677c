using Dashboard.Core.Geo;
using Dashboard.Ingest.Feeds.Hotline12345;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Tests.Feeds.Hotline12345;

public class Hotline12345ParserTests
{
    private readonly Hotline12345Parser _parser = new();

    private ParseResult Parse(string json) => _parser.Parse(Fixture.Utf8(json));

    [Fact]
    public void Work_order_in_beijing_time_with_gcj02_point_normalizes_to_utc_and_wgs84()
    {
        var e = Assert.Single(_parser.Parse(Fixture.Bytes("Hotline12345", "chancheng_manhole_order_gcj02.json")).Events);

        Assert.Equal(FeedSource.Hotline12345, e.Source);
        Assert.Equal("4406042025030500123", e.ExternalId);
        Assert.Equal("0301", e.FeedKey);
        Assert.Equal(Severity.High, e.Severity);
        Assert.Equal(EventState.Open, e.State);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 0, 12, 45, TimeSpan.Zero), e.OccurredAtUtc);
        Assert.Equal(new DateTimeOffset(2025, 3, 6, 0, 12, 45, TimeSpan.Zero), e.DueAtUtc);
        Assert.Equal(Crs.Gcj02, e.Location!.OriginalCrs);
        var expected = ChinaCoordinates.Gcj02ToWgs84Exact(113.1175, 23.0115);
        Assert.Equal(expected, e.Location.Point);
        Assert.InRange(ChinaCoordinates.DistanceMetres(e.Location.Point!.Value, new LonLat(113.1175, 23.0115)), 500, 750);
        Assert.Equal("季华五路井盖缺失", e.Title);
        Assert.Equal("求助", e.Attributes["12345.callerType"]);
        Assert.Empty(e.Warnings);
    }

    [Fact]
    public void Caller_details_are_kept_apart_and_masked_for_screens()
    {
        var e = Assert.Single(_parser.Parse(Fixture.Bytes("Hotline12345", "chancheng_manhole_order_gcj02.json")).Events);

        Assert.Equal("陈伟", e.Reporter!.Name);
        Assert.False(e.Reporter.IsSecret);
        var masked = e.Reporter.Masked();
        Assert.Equal("陈*", masked.Name);
        Assert.Equal("138****8000", masked.Phone);
        Assert.DoesNotContain(e.Attributes.Values, v => v.Contains("13800138000", StringComparison.Ordinal));
    }

    [Fact]
    public void Batch_with_baidu_address_points_repeat_reference_and_closed_consultation()
    {
        var events = _parser.Parse(Fixture.Bytes("Hotline12345", "chancheng_orders_batch_bd09.json")).Events;

        Assert.Equal(2, events.Count);
        var vending = events[0];
        Assert.Equal(Crs.Bd09, vending.Location!.OriginalCrs);
        Assert.True(ChinaCoordinates.DistanceMetres(vending.Location.Point!.Value, ChinaCoordinates.Bd09ToWgs84(113.1197, 23.0333)) < 0.01);
        Assert.Equal("4406042025030400977", Assert.Single(vending.References).Identifier);
        Assert.True(vending.Reporter!.IsSecret);
        Assert.Equal(Severity.Low, vending.Severity);

        var consultation = events[1];
        Assert.Equal("市政设施/路灯不亮", consultation.FeedKey);
        Assert.Equal(EventState.Closed, consultation.State);
        Assert.Equal(Severity.Information, consultation.Severity);
        Assert.Null(consultation.Location);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 12, 5, 0, TimeSpan.Zero), consultation.OccurredAtUtc);
    }

    [Fact]
    public void Coordinates_without_crs_are_read_as_gcj02_with_a_warning()
    {
        var e = Assert.Single(Parse("""{"orderNum":"1","callTime":"2025-03-05 08:00:00","questionCode":"0301","lon":113.12,"lat":23.02}""").Events);

        Assert.Equal(Crs.Gcj02, e.Location!.OriginalCrs);
        Assert.Contains(e.Warnings, w => w.StartsWith("crs:", StringComparison.Ordinal));
    }

    [Fact]
    public void Swapped_lat_lon_is_corrected_with_a_warning()
    {
        var e = Assert.Single(Parse("""{"orderNum":"1","callTime":"2025-03-05 08:00:00","questionCode":"0301","addressPoints":"23.02,113.12","crs":"wgs84"}""").Events);

        Assert.Equal(new LonLat(113.12, 23.02), e.Location!.Point);
        Assert.Contains(e.Warnings, w => w.Contains("swapped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"callTime":"2025-03-05 08:00:00","questionCode":"0301"}""", "orderNum")]
    [InlineData("""{"orderNum":"1","questionCode":"0301"}""", "callTime")]
    [InlineData("""{"orderNum":"1","callTime":"05/03/2025 8am","questionCode":"0301"}""", "callTime")]
    [InlineData("""{"orderNum":"1","callTime":"2025-03-05 08:00:00"}""", "questionCode")]
    [InlineData("""{"orderNum":"1","callTime":"2025-03-05 08:00:00","questionCode":"0301","lon":113.12}""", "lon/lat")]
    [InlineData("""{"orderNum":"1","callTime":"2025-03-05 08:00:00","questionCode":"0301","lon":113.12,"lat":23.02,"crs":"mercator"}""", "crs")]
    [InlineData("""{"orderNum":"1","callTime":"2025-03-05 08:00:00","questionCode":"0301","addressPoints":"near the bridge"}""", "addressPoints")]
    [InlineData("""[{"orderNum":"1","callTime":"2025-03-05 08:00:00","questionCode":"0301"},{"orderNum":"2","questionCode":"0301"}]""", "[1].callTime")]
    public void Invalid_orders_are_rejected_naming_the_field(string json, string field)
    {
        Assert.Equal(field, Assert.Throws<FeedParseException>(() => Parse(json)).Field);
    }

    [Fact]
    public void Oversized_body_is_rejected()
    {
        var parser = new Hotline12345Parser(new FeedParseOptions { MaxDocumentBytes = 100 });

        Assert.Equal("body", Assert.Throws<FeedParseException>(() => parser.Parse(Fixture.Bytes("Hotline12345", "chancheng_manhole_order_gcj02.json"))).Field);
    }

    [Fact]
    public void Cancelled_order_is_cancelled()
    {
        Assert.Equal(EventState.Cancelled, Assert.Single(Parse("""{"orderNum":"1","callTime":"2025-03-05 08:00:00","questionCode":"0301","orderState":"已撤单"}""").Events).State);
    }
}
