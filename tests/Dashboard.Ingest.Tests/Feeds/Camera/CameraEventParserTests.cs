using Dashboard.Core.Geo;
using Dashboard.Ingest.Feeds.Camera;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Tests.Feeds.Camera;

public class CameraEventParserTests
{
    private readonly CameraEventParser _parser = new();

    [Fact]
    public void Street_vending_detection_becomes_an_event_keyed_by_its_chinese_name()
    {
        var e = Assert.Single(_parser.Parse(Fixture.Bytes("Camera", "chancheng_street_vending.json")).Events);

        Assert.Equal(FeedSource.Camera, e.Source);
        Assert.Equal("AI-20250305-194002-CAM-440604-0002", e.ExternalId);
        Assert.Equal("占道经营", e.FeedKey);
        Assert.Equal("CAM-440604-0002", e.CameraId);
        Assert.Equal(1, e.Channel);
        Assert.Equal(EventState.Active, e.State);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 11, 40, 2, TimeSpan.Zero), e.OccurredAtUtc);
        Assert.Equal("0.91", e.Attributes["camera.confidence"]);
        Assert.Single(e.MediaUrls);
        Assert.Null(e.Location);
    }

    [Fact]
    public void English_aliases_map_to_the_chinese_keys_with_their_severity()
    {
        var events = _parser.Parse(Fixture.Bytes("Camera", "chancheng_mixed_batch.json")).Events;

        Assert.Equal(["烟火", "道路积水", "非机动车乱停放"], events.Select(e => e.FeedKey));
        Assert.Equal(Severity.Critical, events[0].Severity);
        Assert.Equal(EventState.Cleared, events[1].State);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 6, 12, 33, TimeSpan.Zero), events[1].OccurredAtUtc);
    }

    [Fact]
    public void Percentage_confidence_is_normalized_and_gcj02_point_converted()
    {
        var fire = _parser.Parse(Fixture.Bytes("Camera", "chancheng_mixed_batch.json")).Events[0];

        Assert.Equal("0.87", fire.Attributes["camera.confidence"]);
        Assert.Contains(fire.Warnings, w => w.Contains("percentage", StringComparison.Ordinal));
        Assert.Equal(ChinaCoordinates.Gcj02ToWgs84Exact(113.0841, 23.0608), fire.Location!.Point);
    }

    [Fact]
    public void Low_confidence_detections_are_dropped_when_a_floor_is_set()
    {
        var parser = new CameraEventParser { MinimumConfidence = 0.5 };

        var events = parser.Parse(Fixture.Bytes("Camera", "chancheng_mixed_batch.json")).Events;

        Assert.DoesNotContain(events, e => e.FeedKey == "非机动车乱停放");
    }

    [Theory]
    [InlineData("""{"cameraId":"C","eventType":"占道经营","occurredAt":"2025-03-05T19:40:02+08:00"}""", "eventId")]
    [InlineData("""{"eventId":"E","eventType":"占道经营","occurredAt":"2025-03-05T19:40:02+08:00"}""", "cameraId")]
    [InlineData("""{"eventId":"E","cameraId":"C","eventType":"飞碟","occurredAt":"2025-03-05T19:40:02+08:00"}""", "eventType")]
    [InlineData("""{"eventId":"E","cameraId":"C","eventType":"占道经营","occurredAt":"2025-03-05 19:40:02"}""", "occurredAt")]
    [InlineData("""{"eventId":"E","cameraId":"C","eventType":"占道经营","occurredAt":"2025-03-05T19:40:02+08:00","state":"maybe"}""", "state")]
    [InlineData("""{"eventId":"E","cameraId":"C","eventType":"占道经营","occurredAt":"2025-03-05T19:40:02+08:00","confidence":-0.2}""", "confidence")]
    public void Invalid_events_are_rejected_naming_the_field(string json, string field)
    {
        Assert.Equal(field, Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(json))).Field);
    }
}
