using System.Collections.Immutable;

namespace Dashboard.Ingest.Feeds.Telemetry;

/// <summary>
/// Turns readings into alarm transitions with hysteresis. Pure: the caller supplies the device's previous
/// <see cref="DeviceAlarmState"/> and keeps the returned one; nothing here does I/O or reads a clock.
/// Only the readings relevant to the device kind are considered (a manhole's stray pressure value is ignored).
/// </summary>
public sealed class ThresholdEvaluator(TelemetryThresholds? thresholds = null)
{
    private readonly TelemetryThresholds _t = thresholds ?? TelemetryThresholds.Default;

    /// <summary>
    /// Appends raised/cleared transitions to <paramref name="transitions"/> (a caller-owned list, reused across a
    /// batch to avoid allocations) and returns the device's new state. A reading not newer than the last one
    /// seen is ignored: redelivered or out-of-order messages must not flap alarms.
    /// </summary>
    public DeviceAlarmState Evaluate(TelemetryReading reading, DeviceAlarmState previous, List<AlarmTransition> transitions)
    {
        if (previous.LastObservedAtUtc is { } last && reading.ObservedAtUtc <= last)
        {
            return previous;
        }

        var v = reading.Values;
        var active = previous.Active;
        var raisedAt = previous.RaisedAtUtc ?? ImmutableDictionary<AlarmKind, DateTimeOffset>.Empty;
        void Apply(AlarmKind kind, bool? shouldBeActive, double? value)
        {
            if (shouldBeActive is not { } on || on == ((active & kind) != 0))
            {
                return;
            }

            if (on)
            {
                active |= kind;
                raisedAt = raisedAt.SetItem(kind, reading.ObservedAtUtc);
                transitions.Add(new AlarmTransition(reading.DeviceId, kind, true, reading.ObservedAtUtc, reading.ObservedAtUtc, value));
            }
            else
            {
                active &= ~kind;
                var since = raisedAt.TryGetValue(kind, out var at) ? at : reading.ObservedAtUtc;
                raisedAt = raisedAt.Remove(kind);
                transitions.Add(new AlarmTransition(reading.DeviceId, kind, false, reading.ObservedAtUtc, since, value));
            }
        }

        switch (reading.Kind)
        {
            case DeviceKind.Manhole:
                Apply(AlarmKind.ManholeTilt, High(v.TiltDeg, AlarmKind.ManholeTilt, _t.ManholeTiltRaiseDeg, _t.ManholeTiltClearDeg), v.TiltDeg);
                Apply(AlarmKind.ManholeOpen, v.Open, null);
                Apply(AlarmKind.ManholeWaterLevel, High(v.WaterLevelCm, AlarmKind.ManholeWaterLevel, _t.ManholeWaterRaiseCm, _t.ManholeWaterClearCm), v.WaterLevelCm);
                break;
            case DeviceKind.Hydrant:
                Apply(AlarmKind.HydrantPressureLow, Low(v.PressureMPa, AlarmKind.HydrantPressureLow, _t.HydrantPressureLowRaiseMPa, _t.HydrantPressureLowClearMPa), v.PressureMPa);
                Apply(AlarmKind.HydrantTamper, v.Tamper, null);
                break;
            case DeviceKind.Elevator:
                Apply(AlarmKind.ElevatorTrapped, v.Trapped, null);
                Apply(AlarmKind.ElevatorFault, v.Fault, null);
                break;
            case DeviceKind.WaterLevel:
                Apply(AlarmKind.WaterLevelHigh, High(v.WaterLevelCm, AlarmKind.WaterLevelHigh, _t.WaterLevelHighRaiseCm, _t.WaterLevelHighClearCm), v.WaterLevelCm);
                break;
            case DeviceKind.Smoke:
                Apply(AlarmKind.SmokeAlarm, High(v.SmokeObscuration, AlarmKind.SmokeAlarm, _t.SmokeRaiseObscuration, _t.SmokeClearObscuration), v.SmokeObscuration);
                break;
            case DeviceKind.OneKeyCall:
                Apply(AlarmKind.OneKeyCallPressed, v.Pressed, null);
                break;
        }

        Apply(AlarmKind.BatteryLow, Low(v.Battery, AlarmKind.BatteryLow, _t.BatteryLowRaisePercent, _t.BatteryLowClearPercent), v.Battery);

        return new DeviceAlarmState(active, reading.ObservedAtUtc, raisedAt);

        // Between the two levels the answer is "keep what you have", expressed as the current state.
        bool? High(double? value, AlarmKind kind, double raise, double clear) =>
            value is not { } x ? null : x >= raise || (x >= clear && (active & kind) != 0);

        bool? Low(double? value, AlarmKind kind, double raise, double clear) =>
            value is not { } x ? null : x <= raise || (x < clear && (active & kind) != 0);
    }
}
