namespace Dashboard.Core.Incidents;

/// <summary>
/// One source message that joined a case (a camera event, an alarm, a hotline order, a grid worker's report),
/// with where it came from. A merged duplicate's reports move to the master and remember the duplicate.
/// </summary>
public sealed class IncidentReport
{
    private IncidentReport()
    {
        ExternalId = string.Empty;
    }

    public IncidentReport(IncidentSource source, string externalId, DateTimeOffset receivedUtc, string? summary = null, string? payloadJson = null)
    {
        if (string.IsNullOrWhiteSpace(externalId))
        {
            throw new ArgumentException($"A {source} report needs its external id (the source's own id) so redelivery is recognised.", nameof(externalId));
        }

        Source = source;
        ExternalId = externalId;
        ReceivedUtc = receivedUtc.ToUniversalTime();
        Summary = summary;
        PayloadJson = payloadJson;
    }

    public long Id { get; private set; }

    public IncidentSource Source { get; private set; }

    public string ExternalId { get; private set; }

    public DateTimeOffset ReceivedUtc { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>The normalized source message, as JSON, for audit.</summary>
    public string? PayloadJson { get; private set; }

    /// <summary>The number of the duplicate case this report came from when it was merged in; null if it joined directly.</summary>
    public string? MergedFromNumber { get; private set; }

    /// <summary>The source's newer version of the same message replaces what was kept (the timeline keeps the history).</summary>
    internal void Revise(string? summary, string? payloadJson)
    {
        Summary = summary ?? Summary;
        PayloadJson = payloadJson ?? PayloadJson;
    }

    internal void MarkMergedFrom(string duplicateNumber) => MergedFromNumber ??= duplicateNumber;
}
