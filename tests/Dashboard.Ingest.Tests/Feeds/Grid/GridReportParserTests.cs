using Dashboard.Core.Geo;
using Dashboard.Ingest.Feeds.Grid;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Tests.Feeds.Grid;

public class GridReportParserTests
{
    private readonly GridReportParser _parser = new();

    [Fact]
    public void Each_anomalous_item_becomes_an_event_and_items_in_order_produce_nothing()
    {
        var events = _parser.ParseInspection(Fixture.Bytes("Grid", "chancheng_inspection.json")).Events;

        Assert.Equal(["JM-05", "SR-02"], events.Select(e => e.FeedKey));
        Assert.All(events, e => Assert.Equal(new GeoCode("grid", "440604011001003"), Assert.Single(e.GeoCodes)));
        Assert.All(events, e => Assert.Equal(new DateTimeOffset(2025, 3, 5, 2, 21, 0, TimeSpan.Zero), e.OccurredAtUtc));
        Assert.Equal("GR-440604011001003-20250305-0007/JM-05", events[0].ExternalId);
    }

    [Fact]
    public void Item_handled_on_the_spot_is_closed_and_the_rest_stay_open()
    {
        var events = _parser.ParseInspection(Fixture.Bytes("Grid", "chancheng_inspection.json")).Events;

        Assert.Equal(EventState.Closed, events[0].State);
        Assert.Equal(EventState.Open, events[1].State);
        Assert.Equal(3, events[1].Severity);
        Assert.Equal("暴露垃圾", events[1].Title);
        Assert.Equal(2, events[1].MediaUrls.Count);
    }

    [Fact]
    public void Worker_position_in_gcj02_is_converted_to_wgs84()
    {
        var e = _parser.ParseInspection(Fixture.Bytes("Grid", "chancheng_inspection.json")).Events[0];

        Assert.Equal(Crs.Gcj02, e.Location!.OriginalCrs);
        Assert.Equal(ChinaCoordinates.Gcj02ToWgs84Exact(113.0905, 23.0262), e.Location.Point);
    }

    [Fact]
    public void Clean_inspection_is_acknowledged_without_events()
    {
        var json = """{"reportId":"R1","workerId":"W1","gridCode":"440604011001003","submittedAt":"2025-03-05T10:21:00+08:00","items":[{"itemCode":"GS-01","anomaly":false}]}""";

        var result = _parser.ParseInspection(Fixture.Utf8(json));

        Assert.Empty(result.Events);
        Assert.NotNull(result.IgnoredReason);
    }

    [Theory]
    [InlineData("""{"workerId":"W1","gridCode":"440604011001003","submittedAt":"2025-03-05T10:21:00+08:00","items":[{"itemCode":"A","anomaly":true}]}""", "reportId")]
    [InlineData("""{"reportId":"R1","workerId":"W1","gridCode":"4406040110","submittedAt":"2025-03-05T10:21:00+08:00","items":[{"itemCode":"A","anomaly":true}]}""", "gridCode")]
    [InlineData("""{"reportId":"R1","workerId":"W1","gridCode":"440604011001003","submittedAt":"2025-03-05T10:21:00","items":[{"itemCode":"A","anomaly":true}]}""", "submittedAt")]
    [InlineData("""{"reportId":"R1","workerId":"W1","gridCode":"440604011001003","submittedAt":"2025-03-05T10:21:00+08:00","items":[]}""", "items")]
    [InlineData("""{"reportId":"R1","workerId":"W1","gridCode":"440604011001003","submittedAt":"2025-03-05T10:21:00+08:00","items":[{"itemCode":"A"}]}""", "items[0].anomaly")]
    [InlineData("""{"reportId":"R1","workerId":"W1","gridCode":"440604011001003","submittedAt":"2025-03-05T10:21:00+08:00","lon":113.09,"items":[{"itemCode":"A","anomaly":true}]}""", "lon/lat")]
    public void Invalid_reports_are_rejected_naming_the_field(string json, string field)
    {
        Assert.Equal(field, Assert.Throws<FeedParseException>(() => _parser.ParseInspection(Fixture.Utf8(json))).Field);
    }

    [Fact]
    public void Patrol_positions_are_converted_and_ordered_by_time()
    {
        var track = _parser.ParsePatrol(Fixture.Bytes("Grid", "chancheng_patrol.json"));

        Assert.Equal("WG-440604011-0412", track.WorkerId);
        Assert.Equal("PT-0412-20250305-17", track.BatchId);
        Assert.Equal(3, track.Positions.Count);
        Assert.True(track.Positions[0].AtUtc < track.Positions[1].AtUtc && track.Positions[1].AtUtc < track.Positions[2].AtUtc);
        Assert.Equal(ChinaCoordinates.Gcj02ToWgs84Exact(113.0905, 23.0262), track.Positions[0].Position);
        Assert.Equal(12, track.Positions[0].AccuracyMetres);
    }

    [Fact]
    public void Patrol_position_without_time_is_rejected()
    {
        var json = """{"workerId":"W1","positions":[{"lon":113.09,"lat":23.02}]}""";

        Assert.Equal("positions[0].at", Assert.Throws<FeedParseException>(() => _parser.ParsePatrol(Fixture.Utf8(json))).Field);
    }
}
