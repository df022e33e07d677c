namespace Dashboard.Ingest.Feeds.Telemetry;

/// <summary>
/// Raise and clear levels per alarm. Each clear level sits on the safe side of its raise level (hysteresis),
/// so a reading hovering at the threshold does not open and close an incident every few seconds.
/// Defaults are starting points for a district; bind from configuration per deployment.
/// </summary>
public sealed record TelemetryThresholds
{
    public static TelemetryThresholds Default { get; } = new();

    /// <summary>Cover tilt (accelerometer) in degrees: raise at or above, clear below.</summary>
    public double ManholeTiltRaiseDeg { get; init; } = 15;

    public double ManholeTiltClearDeg { get; init; } = 10;

    /// <summary>Water in the well above its floor, cm: near-full wells warn of sewer overflow.</summary>
    public double ManholeWaterRaiseCm { get; init; } = 120;

    public double ManholeWaterClearCm { get; init; } = 100;

    /// <summary>Hydrant pressure, MPa: outdoor hydrants need at least 0.10 MPa; raise at or below, clear at or above.</summary>
    public double HydrantPressureLowRaiseMPa { get; init; } = 0.10;

    public double HydrantPressureLowClearMPa { get; init; } = 0.14;

    /// <summary>Standing water at a flood-prone point, cm: about the depth that stalls cars and hides kerbs.</summary>
    public double WaterLevelHighRaiseCm { get; init; } = 20;

    public double WaterLevelHighClearCm { get; init; } = 10;

    /// <summary>Smoke obscuration, %/m.</summary>
    public double SmokeRaiseObscuration { get; init; } = 10;

    public double SmokeClearObscuration { get; init; } = 5;

    /// <summary>Battery percent: raise at or below, clear at or above.</summary>
    public double BatteryLowRaisePercent { get; init; } = 20;

    public double BatteryLowClearPercent { get; init; } = 30;
}
