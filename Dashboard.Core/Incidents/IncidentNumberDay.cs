namespace Dashboard.Core.Incidents;

/// <summary>
/// The last case-number sequence handed out for one local day (Asia/Shanghai), kept in the store so every process
/// that opens incidents counts on from the same row. <see cref="Storage.StoreIncidentNumbers"/> updates it inside the
/// transaction that inserts the incident: a second writer waits on the row lock until the first commits, and a
/// rolled-back transaction gives its numbers back.
/// </summary>
public sealed class IncidentNumberDay
{
    private IncidentNumberDay()
    {
    }

    /// <summary>The local day as yyyyMMdd (20261123), the digits the case number carries.</summary>
    public int Day { get; private set; }

    public int LastSequence { get; private set; }
}
