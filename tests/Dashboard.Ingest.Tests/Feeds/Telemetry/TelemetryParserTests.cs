using Dashboard.Core.Geo;
using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Tests.Feeds.Telemetry;

public class TelemetryParserTests
{
    private readonly TelemetryParser _parser = new();

    [Fact]
    public void Single_reading_is_parsed_with_time_in_utc_and_device_position()
    {
        var reading = Assert.Single(_parser.Parse(Fixture.Bytes("Telemetry", "chancheng_manhole_tilt.json")).Readings);

        Assert.Equal("MH-440604012-000318", reading.DeviceId);
        Assert.Equal(DeviceKind.Manhole, reading.Kind);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 13, 4, 11, TimeSpan.Zero), reading.ObservedAtUtc);
        Assert.Equal(23.5, reading.Values.TiltDeg);
        Assert.False(reading.Values.Open);
        Assert.Equal(42, reading.Values.WaterLevelCm);
        Assert.Null(reading.Values.PressureMPa);
        Assert.Equal(new LonLat(113.1139, 23.0301), reading.Position);
        Assert.Equal(88231, reading.Sequence);
    }

    [Fact]
    public void Array_of_100_readings_is_parsed_in_order()
    {
        var batch = _parser.Parse(Fixture.Bytes("Telemetry", "chancheng_batch_100.json"));

        Assert.Equal(100, batch.Readings.Count);
        Assert.Equal(DeviceKind.Hydrant, batch.Readings[7].Kind);
        Assert.Equal(0.062, batch.Readings[7].Values.PressureMPa);
        Assert.Empty(batch.Warnings);
    }

    [Fact]
    public void Vendor_numbers_as_strings_flags_as_digits_and_zone_less_time_are_accepted()
    {
        var batch = _parser.Parse(Fixture.Bytes("Telemetry", "vendor_quirks_zoneless_strings.json"));

        var reading = Assert.Single(batch.Readings);
        Assert.Equal(0.116, reading.Values.PressureMPa);
        Assert.True(reading.Values.Tamper);
        Assert.Equal(new DateTimeOffset(2020, 12, 3, 0, 39, 13, TimeSpan.Zero), reading.ObservedAtUtc);
        Assert.Contains(batch.Warnings, w => w.StartsWith("[0].observedAt:", StringComparison.Ordinal));
    }

    [Fact]
    public void Gcj02_device_position_is_converted()
    {
        var json = """{"deviceId":"WL-1","kind":"waterLevel","observedAt":"2025-03-05T08:00:00+08:00","readings":{"waterLevelCm":3},"lon":113.1,"lat":23.0,"crs":"gcj02"}""";

        var reading = Assert.Single(_parser.Parse(Fixture.Utf8(json)).Readings);
        Assert.Equal(ChinaCoordinates.Gcj02ToWgs84Exact(113.1, 23.0), reading.Position);
    }

    [Fact]
    public void Epoch_milliseconds_are_accepted()
    {
        var json = """{"deviceId":"SM-1","kind":"smoke","observedAt":1741132800000,"readings":{"smokeObscuration":0.4}}""";

        Assert.Equal(new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.Zero), Assert.Single(_parser.Parse(Fixture.Utf8(json)).Readings).ObservedAtUtc);
    }

    [Theory]
    [InlineData("""{"kind":"manhole","observedAt":"2025-03-05T08:00:00+08:00","readings":{}}""", "deviceId")]
    [InlineData("""{"deviceId":"X","kind":"streetlight","observedAt":"2025-03-05T08:00:00+08:00","readings":{}}""", "kind")]
    [InlineData("""{"deviceId":"X","kind":"manhole","readings":{}}""", "observedAt")]
    [InlineData("""{"deviceId":"X","kind":"manhole","observedAt":"yesterday","readings":{}}""", "observedAt")]
    [InlineData("""[{"deviceId":"X","kind":"manhole","observedAt":"2025-03-05T08:00:00+08:00","readings":{}},{"deviceId":"Y","kind":"manhole","observedAt":"2025-03-05T08:00:00+08:00","readings":{"tiltDeg":"steep"}}]""", "[1].readings.tiltDeg")]
    [InlineData("""[{"deviceId":"X","kind":"manhole","observedAt":"2025-03-05T08:00:00+08:00","readings":{"open":"maybe"}}]""", "[0].readings.open")]
    [InlineData("""{"deviceId":"X","kind":"manhole","observedAt":"2025-03-05T08:00:00+08:00","readings":{"tiltDeg":""", "body")]
    public void Malformed_readings_are_rejected_naming_the_field(string json, string field)
    {
        Assert.Equal(field, Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(json))).Field);
    }

    [Fact]
    public void Oversized_batch_is_rejected()
    {
        var parser = new TelemetryParser(new FeedParseOptions { MaxDocumentBytes = 4096 });

        Assert.Contains("4096-byte limit", Assert.Throws<FeedParseException>(() => parser.Parse(Fixture.Bytes("Telemetry", "chancheng_batch_100.json"))).Problem, StringComparison.Ordinal);
    }
}
