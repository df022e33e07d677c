using System.Collections.Immutable;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Telemetry;

/// <summary>The alarms a device can be in. Bit values so a device's active set is one integer.</summary>
[Flags]
public enum AlarmKind
{
    None = 0,
    ManholeTilt = 1 << 0,
    ManholeOpen = 1 << 1,
    ManholeWaterLevel = 1 << 2,
    HydrantPressureLow = 1 << 3,
    HydrantTamper = 1 << 4,
    ElevatorTrapped = 1 << 5,
    ElevatorFault = 1 << 6,
    WaterLevelHigh = 1 << 7,
    SmokeAlarm = 1 << 8,
    OneKeyCallPressed = 1 << 9,
    BatteryLow = 1 << 10,
}

/// <summary>Feed key (what the catalog maps) and severity of each alarm.</summary>
public static class AlarmKinds
{
    public static string FeedKey(AlarmKind kind) => kind switch
    {
        AlarmKind.ManholeTilt => "manhole.tilt",
        AlarmKind.ManholeOpen => "manhole.open",
        AlarmKind.ManholeWaterLevel => "manhole.waterLevel",
        AlarmKind.HydrantPressureLow => "hydrant.pressure.low",
        AlarmKind.HydrantTamper => "hydrant.tamper",
        AlarmKind.ElevatorTrapped => "elevator.trapped",
        AlarmKind.ElevatorFault => "elevator.fault",
        AlarmKind.WaterLevelHigh => "waterLevel.high",
        AlarmKind.SmokeAlarm => "smoke.alarm",
        AlarmKind.OneKeyCallPressed => "oneKeyCall.pressed",
        AlarmKind.BatteryLow => "device.battery.low",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single alarm."),
    };

    /// <summary>People at risk now (trapped, fire, someone pressing for help) are critical; an open or tilted cover is a fall hazard.</summary>
    public static int Severity(AlarmKind kind) => kind switch
    {
        AlarmKind.ElevatorTrapped or AlarmKind.SmokeAlarm or AlarmKind.OneKeyCallPressed => Normalization.Severity.Critical,
        AlarmKind.ManholeTilt or AlarmKind.ManholeOpen or AlarmKind.WaterLevelHigh => Normalization.Severity.High,
        AlarmKind.ManholeWaterLevel or AlarmKind.HydrantPressureLow or AlarmKind.HydrantTamper or AlarmKind.ElevatorFault => Normalization.Severity.Moderate,
        AlarmKind.BatteryLow => Normalization.Severity.Information,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single alarm."),
    };
}

/// <summary>
/// What the evaluator remembers per device between readings: which alarms are raised, since when, and the
/// newest reading time seen (older or repeated readings — MQTT redelivery — change nothing).
/// </summary>
/// <remarks>A struct so that the per-reading update allocates nothing; the dictionary only changes on a transition.</remarks>
public readonly record struct DeviceAlarmState(AlarmKind Active, DateTimeOffset? LastObservedAtUtc, ImmutableDictionary<AlarmKind, DateTimeOffset>? RaisedAtUtc)
{
    /// <summary>A device never heard from (same as <c>default</c>).</summary>
    public static DeviceAlarmState Initial => default;

    public bool IsActive(AlarmKind kind) => (Active & kind) != 0;
}

/// <summary>An alarm raised or cleared by one reading.</summary>
/// <param name="RaisedAtUtc">When the alarm episode began; raise and clear of one episode share it, and so share the external id.</param>
/// <param name="Value">The reading that crossed the threshold (null for on/off signals).</param>
public readonly record struct AlarmTransition(string DeviceId, AlarmKind Kind, bool IsRaised, DateTimeOffset AtUtc, DateTimeOffset RaisedAtUtc, double? Value)
{
    public string FeedKey => AlarmKinds.FeedKey(Kind);

    /// <summary><c>{deviceId}/{feedKey}/{raisedAtUtc:yyyyMMddTHHmmssZ}</c>: one incident per alarm episode.</summary>
    public string ExternalId => $"{DeviceId}/{FeedKey}/{RaisedAtUtc.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";

    public NormalizedEvent ToEvent(TelemetryReading reading, RawPayload raw)
    {
        var attributes = new Dictionary<string, string>(2) { ["iot.kind"] = reading.Kind.ToString() };
        if (Value is { } v)
        {
            attributes["iot.value"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new NormalizedEvent
        {
            Source = FeedSource.Iot,
            SourceSystem = "iot",
            ExternalId = ExternalId,
            FeedKey = FeedKey,
            Severity = AlarmKinds.Severity(Kind),
            State = IsRaised ? EventState.Active : EventState.Cleared,
            OccurredAtUtc = AtUtc,
            Location = reading.Position is { } p ? new EventLocation { Point = p } : null,
            DeviceId = DeviceId,
            Title = FeedKey,
            Attributes = attributes,
            Raw = raw,
        };
    }
}
