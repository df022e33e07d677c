using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Jobs;

/// <summary>SLA watch settings, bound from <c>Jobs:SlaWatch</c>.</summary>
public sealed class SlaWatchOptions
{
    public const string SectionName = "Jobs:SlaWatch";

    /// <summary>Yellow light once at most this share of a clock's granted time is left.</summary>
    [Range(0.01, 0.99)]
    public double DueSoonFraction { get; set; } = Sla.SlaClock.DefaultDueSoonFraction;

    /// <summary>
    /// Escalate automatically once a running clock is overdue by more than this share of its own granted time
    /// (0.5: a 4-working-hour limit escalates after 2 working hours overdue). Counted in the clock's kind of time.
    /// </summary>
    [Range(0.0, 10.0)]
    public double EscalateAfterOverdueFraction { get; set; } = 0.5;
}

/// <summary>Retention settings, bound from <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Raw payloads of resolved cases and quarantined messages older than this many days are archived.</summary>
    [Range(1, 3650)]
    public int Days { get; set; } = 90;

    /// <summary>Rows moved per transaction, so one sweep never holds a long lock.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
