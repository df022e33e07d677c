using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Tests.Feeds.Telemetry;

public class ThresholdEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 5, 13, 0, 0, TimeSpan.Zero);
    private readonly ThresholdEvaluator _evaluator = new();

    private static TelemetryReading Reading(DeviceKind kind, int second, TelemetryValues values, string deviceId = "D-1") =>
        new(deviceId, kind, T0.AddSeconds(second), values);

    /// <summary>Feeds the readings in order and returns every transition with the final state.</summary>
    private (List<AlarmTransition> Transitions, DeviceAlarmState State) Run(params TelemetryReading[] readings)
    {
        var transitions = new List<AlarmTransition>();
        var state = DeviceAlarmState.Initial;
        foreach (var reading in readings)
        {
            state = _evaluator.Evaluate(reading, state, transitions);
        }

        return (transitions, state);
    }

    [Fact]
    public void Manhole_tilt_raises_at_15_degrees_and_only_clears_below_10()
    {
        var (transitions, state) = Run(
            Reading(DeviceKind.Manhole, 0, new() { TiltDeg = 3 }),
            Reading(DeviceKind.Manhole, 10, new() { TiltDeg = 16 }),
            Reading(DeviceKind.Manhole, 20, new() { TiltDeg = 12 }),
            Reading(DeviceKind.Manhole, 30, new() { TiltDeg = 14.9 }),
            Reading(DeviceKind.Manhole, 40, new() { TiltDeg = 9 }));

        Assert.Collection(
            transitions,
            t => Assert.True(t.IsRaised && t.AtUtc == T0.AddSeconds(10) && t.FeedKey == "manhole.tilt" && t.Value == 16),
            t => Assert.True(!t.IsRaised && t.AtUtc == T0.AddSeconds(40) && t.RaisedAtUtc == T0.AddSeconds(10)));
        Assert.False(state.IsActive(AlarmKind.ManholeTilt));
    }

    [Fact]
    public void Value_hovering_at_the_threshold_raises_once()
    {
        var (transitions, _) = Run(
            Reading(DeviceKind.WaterLevel, 0, new() { WaterLevelCm = 20 }),
            Reading(DeviceKind.WaterLevel, 1, new() { WaterLevelCm = 19 }),
            Reading(DeviceKind.WaterLevel, 2, new() { WaterLevelCm = 21 }),
            Reading(DeviceKind.WaterLevel, 3, new() { WaterLevelCm = 18 }));

        var raised = Assert.Single(transitions);
        Assert.Equal("waterLevel.high", raised.FeedKey);
    }

    [Fact]
    public void Hydrant_low_pressure_raises_at_or_below_0_10_and_clears_at_0_14()
    {
        var (transitions, _) = Run(
            Reading(DeviceKind.Hydrant, 0, new() { PressureMPa = 0.30 }),
            Reading(DeviceKind.Hydrant, 1, new() { PressureMPa = 0.10 }),
            Reading(DeviceKind.Hydrant, 2, new() { PressureMPa = 0.13 }),
            Reading(DeviceKind.Hydrant, 3, new() { PressureMPa = 0.14 }));

        Assert.Equal([true, false], transitions.Select(t => t.IsRaised));
        Assert.All(transitions, t => Assert.Equal("hydrant.pressure.low", t.FeedKey));
    }

    [Fact]
    public void Raise_and_clear_of_one_episode_share_an_external_id_and_a_new_episode_gets_a_new_one()
    {
        var (transitions, _) = Run(
            Reading(DeviceKind.Manhole, 0, new() { Open = true }),
            Reading(DeviceKind.Manhole, 60, new() { Open = false }),
            Reading(DeviceKind.Manhole, 120, new() { Open = true }));

        Assert.Equal(transitions[0].ExternalId, transitions[1].ExternalId);
        Assert.NotEqual(transitions[0].ExternalId, transitions[2].ExternalId);
        Assert.Equal("D-1/manhole.open/20250305T130000Z", transitions[0].ExternalId);
    }

    [Fact]
    public void Missing_values_neither_raise_nor_clear()
    {
        var (transitions, state) = Run(
            Reading(DeviceKind.Manhole, 0, new() { TiltDeg = 30 }),
            Reading(DeviceKind.Manhole, 10, new() { Battery = 80 }));

        Assert.Single(transitions);
        Assert.True(state.IsActive(AlarmKind.ManholeTilt));
    }

    [Fact]
    public void Redelivered_or_older_readings_change_nothing()
    {
        var (transitions, state) = Run(
            Reading(DeviceKind.Elevator, 10, new() { Trapped = true }),
            Reading(DeviceKind.Elevator, 5, new() { Trapped = false }),
            Reading(DeviceKind.Elevator, 10, new() { Trapped = false }));

        Assert.Single(transitions);
        Assert.True(state.IsActive(AlarmKind.ElevatorTrapped));
    }

    [Fact]
    public void Readings_irrelevant_to_the_device_kind_are_ignored()
    {
        var (transitions, _) = Run(Reading(DeviceKind.Manhole, 0, new() { PressureMPa = 0.01, Trapped = true }));

        Assert.Empty(transitions);
    }

    [Theory]
    [InlineData(DeviceKind.OneKeyCall, "oneKeyCall.pressed", Severity.Critical)]
    [InlineData(DeviceKind.Elevator, "elevator.trapped", Severity.Critical)]
    [InlineData(DeviceKind.Smoke, "smoke.alarm", Severity.Critical)]
    [InlineData(DeviceKind.Hydrant, "hydrant.tamper", Severity.Moderate)]
    public void Alarms_carry_their_feed_key_and_severity(DeviceKind kind, string feedKey, int severity)
    {
        var values = new TelemetryValues { Pressed = true, Trapped = true, SmokeObscuration = 12, Tamper = true };

        var (transitions, _) = Run(Reading(kind, 0, values));

        var t = Assert.Single(transitions);
        Assert.Equal(feedKey, t.FeedKey);
        Assert.Equal(severity, AlarmKinds.Severity(t.Kind));
    }

    [Fact]
    public void Elevator_fault_and_battery_low_are_independent_alarms()
    {
        var (transitions, state) = Run(
            Reading(DeviceKind.Elevator, 0, new() { Fault = true, Battery = 15 }),
            Reading(DeviceKind.Elevator, 1, new() { Fault = false, Battery = 25 }),
            Reading(DeviceKind.Elevator, 2, new() { Battery = 30 }));

        Assert.Equal(
            [("elevator.fault", true), ("device.battery.low", true), ("elevator.fault", false), ("device.battery.low", false)],
            transitions.Select(t => (t.FeedKey, t.IsRaised)));
        Assert.Equal(AlarmKind.None, state.Active);
    }

    [Fact]
    public void Transition_becomes_a_normalized_event_for_the_pipeline()
    {
        var batch = new TelemetryParser().Parse(Fixture.Bytes("Telemetry", "chancheng_manhole_tilt.json"));
        var transitions = new List<AlarmTransition>();
        _evaluator.Evaluate(batch.Readings[0], DeviceAlarmState.Initial, transitions);

        var e = Assert.Single(transitions).ToEvent(batch.Readings[0], batch.Raw);

        Assert.Equal(FeedSource.Iot, e.Source);
        Assert.Equal("manhole.tilt", e.FeedKey);
        Assert.Equal(EventState.Active, e.State);
        Assert.Equal(Severity.High, e.Severity);
        Assert.Equal("MH-440604012-000318", e.DeviceId);
        Assert.Equal("MH-440604012-000318/manhole.tilt/20250305T130411Z", e.ExternalId);
        Assert.NotNull(e.Location);
    }

    [Fact]
    public void The_sample_batch_raises_exactly_its_two_planted_alarms()
    {
        var batch = new TelemetryParser().Parse(Fixture.Bytes("Telemetry", "chancheng_batch_100.json"));
        var transitions = new List<AlarmTransition>();
        foreach (var reading in batch.Readings)
        {
            _evaluator.Evaluate(reading, DeviceAlarmState.Initial, transitions);
        }

        Assert.Equal(["hydrant.pressure.low", "waterLevel.high"], transitions.Select(t => t.FeedKey));
    }
}
