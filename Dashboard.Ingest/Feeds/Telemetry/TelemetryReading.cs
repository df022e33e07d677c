using Dashboard.Core.Geo;

namespace Dashboard.Ingest.Feeds.Telemetry;

/// <summary>The kinds of registered IoT device the district runs (DOMAIN.md §6).</summary>
public enum DeviceKind
{
    /// <summary>Smart manhole cover 智能井盖.</summary>
    Manhole,

    /// <summary>Fire hydrant 消火栓 with pressure/tamper sensor.</summary>
    Hydrant,

    /// <summary>Elevator 电梯 remote monitoring.</summary>
    Elevator,

    /// <summary>Waterlogging gauge at a flood-prone point 易涝点水位.</summary>
    WaterLevel,

    /// <summary>Smoke detector 烟感.</summary>
    Smoke,

    /// <summary>One-key emergency call button 一键报警.</summary>
    OneKeyCall,
}

/// <summary>
/// The measured values of one reading. Absent values are null and never change alarm state: a manhole that
/// reports only its battery does not clear a tilt alarm. A struct of nullables rather than a dictionary keeps
/// the 15,000 readings/s path free of per-reading allocations.
/// </summary>
public struct TelemetryValues
{
    public double? TiltDeg { get; set; }

    public bool? Open { get; set; }

    public double? WaterLevelCm { get; set; }

    public double? PressureMPa { get; set; }

    public bool? Tamper { get; set; }

    public bool? Trapped { get; set; }

    public bool? Fault { get; set; }

    /// <summary>Optical obscuration in %/m.</summary>
    public double? SmokeObscuration { get; set; }

    /// <summary>Battery charge in percent.</summary>
    public double? Battery { get; set; }

    public bool? Pressed { get; set; }
}

/// <summary>One reading from one registered device; times are UTC.</summary>
public sealed record TelemetryReading(string DeviceId, DeviceKind Kind, DateTimeOffset ObservedAtUtc, TelemetryValues Values)
{
    /// <summary>Position reported by the device itself (already WGS-84), if any; otherwise the registry's.</summary>
    public LonLat? Position { get; init; }

    /// <summary>Vendor sequence number, if any: lets the pipeline spot MQTT QoS1 redelivery.</summary>
    public long? Sequence { get; init; }
}
