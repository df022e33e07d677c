namespace Dashboard.Core.Quarantine;

/// <summary>
/// A feed message that was refused, kept byte for byte with the reason, so an operator can see what a
/// source sent, fix the sender and replay it. Bad input is never silently dropped.
/// </summary>
public sealed class QuarantinedMessage
{
    private QuarantinedMessage()
    {
        Source = string.Empty;
        Field = string.Empty;
        Reason = string.Empty;
        ContentType = string.Empty;
        Payload = [];
        Sha256 = string.Empty;
    }

    public QuarantinedMessage(
        string source,
        DateTimeOffset receivedAtUtc,
        string field,
        string reason,
        string contentType,
        byte[] payload,
        string sha256,
        string? remoteAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (receivedAtUtc.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("Quarantine times are stored in UTC.", nameof(receivedAtUtc));
        }

        Source = source;
        ReceivedAtUtc = receivedAtUtc;
        Field = Truncate(field, 256);
        Reason = Truncate(reason, 2000);
        ContentType = Truncate(contentType, 128);
        Payload = payload;
        Sha256 = sha256;
        RemoteAddress = remoteAddress is null ? null : Truncate(remoteAddress, 64);
    }

    public long Id { get; private set; }

    /// <summary>The feed the message came through (<c>cap</c>, <c>open311</c>, <c>iot</c>...).</summary>
    public string Source { get; private set; }

    public DateTimeOffset ReceivedAtUtc { get; private set; }

    /// <summary>The element or property the refusal names, as the feed spells it (<c>sent</c>, <c>lat</c>, <c>document</c>).</summary>
    public string Field { get; private set; }

    public string Reason { get; private set; }

    public string ContentType { get; private set; }

    /// <summary>The bytes exactly as received (capped at the feed's size limit, so never unbounded).</summary>
    public byte[] Payload { get; private set; }

    public string Sha256 { get; private set; }

    public string? RemoteAddress { get; private set; }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
