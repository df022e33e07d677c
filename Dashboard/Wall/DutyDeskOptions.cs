using System.ComponentModel.DataAnnotations;

namespace Dashboard.Wall;

/// <summary>
/// <c>Wall:DutyDesk</c>: the demo's duty desk (值班台), which plays the seeded demo users moving cases along so the
/// wall's dispatch board, SLA chart and timelines are alive. Never on in production.
/// </summary>
public sealed class DutyDeskOptions
{
    public const string SectionName = "Wall:DutyDesk";

    /// <summary>On by default only in Development with the simulator on (the demo run); a production run refuses it.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Seconds between rounds.</summary>
    [Range(0.5, 3600)]
    public double IntervalSeconds { get; set; } = 4;

    /// <summary>At most this many actions per round: a few people working, not a batch job.</summary>
    [Range(1, 100)]
    public int ActionsPerRound { get; set; } = 2;

    /// <summary>A case sits at least this long in a stage before the desk moves it, so the wall shows every stage.</summary>
    [Range(0, 86_400)]
    public double DwellSeconds { get; set; } = 45;

    /// <summary>Percent of dispatched cases the department never gets to: their clocks run out and the wall shows them overdue.</summary>
    [Range(0, 100)]
    public int NeglectPercent { get; set; } = 12;

    /// <summary>Percent of dispatches the department returns as not theirs (退回).</summary>
    [Range(0, 100)]
    public int ReturnPercent { get; set; } = 6;

    /// <summary>Percent of on-site checks that find the work not done (核查不通过).</summary>
    [Range(0, 100)]
    public int FailVerificationPercent { get; set; } = 10;

    public int Seed { get; set; } = 20261126;
}
