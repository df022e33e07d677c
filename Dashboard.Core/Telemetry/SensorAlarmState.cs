namespace Dashboard.Core.Telemetry;

/// <summary>
/// Whether one alarm of one device is raised now, and which incident carries it. Kept in the store so a
/// restarted worker neither raises a second alert for an alarm that is still on nor forgets to clear it.
/// </summary>
public sealed class SensorAlarmState
{
    private SensorAlarmState()
    {
        DeviceId = string.Empty;
        AlarmKey = string.Empty;
    }

    public SensorAlarmState(string deviceId, string alarmKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(alarmKey);
        DeviceId = deviceId;
        AlarmKey = alarmKey;
    }

    public string DeviceId { get; private set; }

    /// <summary>The feed key of the alarm (<c>manhole.tilt</c>, <c>hydrant.pressure.low</c>).</summary>
    public string AlarmKey { get; private set; }

    public bool IsRaised { get; private set; }

    /// <summary>The sensor alert (an incident with source iot) this alarm raised last; kept after clearing for the audit.</summary>
    public string? IncidentNumber { get; private set; }

    public double? LastValue { get; private set; }

    public DateTimeOffset? ChangedAtUtc { get; private set; }

    public int RaiseCount { get; private set; }

    public void Raise(string incidentNumber, double? value, DateTimeOffset atUtc)
    {
        if (!IsRaised)
        {
            RaiseCount++;
        }

        IsRaised = true;
        IncidentNumber = incidentNumber;
        LastValue = value;
        ChangedAtUtc = atUtc;
    }

    public void Clear(double? value, DateTimeOffset atUtc)
    {
        IsRaised = false;
        LastValue = value;
        ChangedAtUtc = atUtc;
    }
}
