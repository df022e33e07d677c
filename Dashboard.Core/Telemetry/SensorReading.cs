namespace Dashboard.Core.Telemetry;

/// <summary>
/// One reading of one registered device (a manhole, hydrant, elevator, water gauge, smoke detector or
/// emergency button), one row per reading with a nullable column per measured value: a device reports the
/// values it has, and "not measured" stays distinguishable from zero. Written in bulk by the ingest
/// pipeline; (device, observed at) is unique so a redelivered reading changes nothing.
/// </summary>
public sealed class SensorReading
{
    private SensorReading()
    {
        DeviceId = string.Empty;
        Kind = string.Empty;
    }

    public SensorReading(string deviceId, string kind, DateTimeOffset observedAtUtc, SensorValues values, long? sequence = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        if (observedAtUtc.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("Reading times are stored in UTC.", nameof(observedAtUtc));
        }

        DeviceId = deviceId;
        Kind = kind;
        ObservedAtUtc = observedAtUtc;
        Sequence = sequence;
        TiltDeg = values.TiltDeg;
        Open = values.Open;
        WaterLevelCm = values.WaterLevelCm;
        PressureMPa = values.PressureMPa;
        Tamper = values.Tamper;
        Trapped = values.Trapped;
        Fault = values.Fault;
        SmokeObscuration = values.SmokeObscuration;
        Battery = values.Battery;
        Pressed = values.Pressed;
    }

    public long Id { get; private set; }

    public string DeviceId { get; private set; }

    /// <summary>The device kind as the telemetry feed names it (<c>Manhole</c>, <c>Hydrant</c>...).</summary>
    public string Kind { get; private set; }

    public DateTimeOffset ObservedAtUtc { get; private set; }

    /// <summary>The vendor's sequence number, when it sends one.</summary>
    public long? Sequence { get; private set; }

    public double? TiltDeg { get; private set; }

    public bool? Open { get; private set; }

    public double? WaterLevelCm { get; private set; }

    public double? PressureMPa { get; private set; }

    public bool? Tamper { get; private set; }

    public bool? Trapped { get; private set; }

    public bool? Fault { get; private set; }

    public double? SmokeObscuration { get; private set; }

    public double? Battery { get; private set; }

    public bool? Pressed { get; private set; }
}

/// <summary>The measured values of a reading; absent ones are null.</summary>
public readonly record struct SensorValues(
    double? TiltDeg = null,
    bool? Open = null,
    double? WaterLevelCm = null,
    double? PressureMPa = null,
    bool? Tamper = null,
    bool? Trapped = null,
    bool? Fault = null,
    double? SmokeObscuration = null,
    double? Battery = null,
    bool? Pressed = null);
