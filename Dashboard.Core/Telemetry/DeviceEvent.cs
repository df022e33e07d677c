namespace Dashboard.Core.Telemetry;

/// <summary>
/// A device message that was received, authenticated and understood but opens no incident: a face capture, a plate
/// read that reports no violation, motion or an alarm input from a camera the registry does not know, an event type
/// the catalog has no item for. Kept so an operator can see what a device said and why nobody was paged; one row
/// per (source, external id), so a redelivery adds nothing.
/// </summary>
public sealed class DeviceEvent
{
    private DeviceEvent()
    {
        Source = string.Empty;
        ExternalId = string.Empty;
        DeviceId = string.Empty;
        EventType = string.Empty;
        State = string.Empty;
        Reason = string.Empty;
    }

    public DeviceEvent(string source, string externalId, string deviceId, int? channel, string eventType, string state,
        DateTimeOffset occurredAtUtc, DateTimeOffset receivedAtUtc, string reason, string? detailJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        Source = source;
        ExternalId = externalId;
        DeviceId = deviceId;
        Channel = channel;
        EventType = eventType;
        State = state;
        OccurredAtUtc = occurredAtUtc.ToUniversalTime();
        ReceivedAtUtc = receivedAtUtc.ToUniversalTime();
        Reason = reason;
        DetailJson = detailJson;
    }

    public long Id { get; private set; }

    /// <summary>The feed's API name (<c>isapi</c>).</summary>
    public string Source { get; private set; }

    public string ExternalId { get; private set; }

    public string DeviceId { get; private set; }

    public int? Channel { get; private set; }

    /// <summary>The device's own event type (ISAPI <c>faceSnap</c>, <c>ANPR</c>, <c>VMD</c>).</summary>
    public string EventType { get; private set; }

    public string State { get; private set; }

    public DateTimeOffset OccurredAtUtc { get; private set; }

    public DateTimeOffset ReceivedAtUtc { get; private set; }

    /// <summary>Why no incident was opened.</summary>
    public string Reason { get; private set; }

    /// <summary>What the event carried that matters later (plate, target type, channel name), as JSON.</summary>
    public string? DetailJson { get; private set; }
}
