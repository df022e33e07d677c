namespace Dashboard.Core.Telemetry;

/// <summary>
/// One measured value from one registered device (a manhole's tilt, a hydrant's pressure). Written in
/// bulk by the ingest pipeline, one row per reading; (device, quantity, observed at) is unique so a
/// redelivered reading changes nothing.
/// </summary>
public sealed class SensorReading
{
    private SensorReading()
    {
        DeviceId = string.Empty;
        Quantity = string.Empty;
    }

    public SensorReading(string deviceId, string quantity, double value, DateTimeOffset observedAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(quantity);
        if (observedAtUtc.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("Reading times are stored in UTC.", nameof(observedAtUtc));
        }

        DeviceId = deviceId;
        Quantity = quantity;
        Value = value;
        ObservedAtUtc = observedAtUtc;
    }

    public long Id { get; private set; }

    public string DeviceId { get; private set; }

    /// <summary>What was measured, as the device vocabulary names it (<c>tiltDeg</c>, <c>pressureMPa</c>, <c>waterLevelCm</c>).</summary>
    public string Quantity { get; private set; }

    public double Value { get; private set; }

    public DateTimeOffset ObservedAtUtc { get; private set; }
}
