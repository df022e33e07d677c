namespace Dashboard.Core.Incidents;

/// <summary>
/// 吹哨报到: one department summoned to a case by a director's whistle. It must report in (报到) before
/// <see cref="DueUtc"/>; the countdown is the department's own, so a late one shows red while the others do not.
/// </summary>
public sealed class WhistleSummons
{
    private WhistleSummons()
    {
        DepartmentCode = string.Empty;
        SummonedByName = string.Empty;
    }

    internal WhistleSummons(string departmentCode, string summonedByName, DateTimeOffset summonedUtc, DateTimeOffset dueUtc)
    {
        DepartmentCode = departmentCode;
        SummonedByName = summonedByName;
        SummonedUtc = summonedUtc.ToUniversalTime();
        DueUtc = dueUtc.ToUniversalTime();
    }

    public long Id { get; private set; }

    public string DepartmentCode { get; private set; }

    public string SummonedByName { get; private set; }

    public DateTimeOffset SummonedUtc { get; private set; }

    public DateTimeOffset DueUtc { get; private set; }

    public DateTimeOffset? ReportedInUtc { get; private set; }

    public string? ReportedInByName { get; private set; }

    /// <summary>What the department said when it reported in (who comes, when they arrive).</summary>
    public string? Note { get; private set; }

    public bool HasReportedIn => ReportedInUtc is not null;

    /// <summary>Reported in after the countdown ran out, or not yet and it has run out.</summary>
    public bool IsLate(DateTimeOffset nowUtc) => (ReportedInUtc ?? nowUtc) > DueUtc;

    internal void ReportIn(string byName, DateTimeOffset atUtc, string? note)
    {
        ReportedInUtc = atUtc.ToUniversalTime();
        ReportedInByName = byName;
        Note = note;
    }
}
