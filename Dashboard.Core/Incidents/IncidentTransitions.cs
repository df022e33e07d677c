namespace Dashboard.Core.Incidents;

/// <summary>One legal status change: <see cref="Action"/> moves a case from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record IncidentTransition(IncidentAction Action, IncidentStatus From, IncidentStatus To);

/// <summary>
/// The lifecycle as data. The aggregate consults this table for every status change, so the table is the
/// whole truth about what is legal; tests enumerate it.
/// </summary>
public static class IncidentTransitions
{
    private static readonly IncidentStatus[] Waiting =
        [IncidentStatus.Registered, IncidentStatus.Returned, IncidentStatus.Escalated];

    /// <summary>Open cases someone may still be summoned to.</summary>
    private static readonly IncidentStatus[] Summonable =
    [
        IncidentStatus.Reported, IncidentStatus.Registered, IncidentStatus.Dispatched, IncidentStatus.Accepted,
        IncidentStatus.Handled, IncidentStatus.Verified, IncidentStatus.Returned, IncidentStatus.Escalated,
    ];

    public static IReadOnlyList<IncidentTransition> All { get; } = Build();

    /// <summary>Actions that change the status; every other action keeps it (see <see cref="StatusPreserving"/>).</summary>
    public static IReadOnlyList<IncidentAction> StatusChangingActions { get; } = [.. All.Select(t => t.Action).Distinct()];

    /// <summary>Actions that leave the status as it is, and the statuses where they are allowed.</summary>
    public static IReadOnlyDictionary<IncidentAction, IReadOnlyList<IncidentStatus>> StatusPreserving { get; } =
        new Dictionary<IncidentAction, IReadOnlyList<IncidentStatus>>
        {
            [IncidentAction.AttachReport] =
            [
                IncidentStatus.Reported, IncidentStatus.Registered, IncidentStatus.Dispatched, IncidentStatus.Accepted,
                IncidentStatus.Handled, IncidentStatus.Verified, IncidentStatus.Returned, IncidentStatus.Escalated,
            ],
            // A source may revise its message whatever the case's stage (a 12345 order evaluated after closing); a merged
            // case holds no reports any more, they moved to the master.
            [IncidentAction.UpdateReport] =
            [
                IncidentStatus.Reported, IncidentStatus.SelfHandled, IncidentStatus.Registered, IncidentStatus.Dispatched,
                IncidentStatus.Accepted, IncidentStatus.Handled, IncidentStatus.Verified, IncidentStatus.Closed,
                IncidentStatus.Returned, IncidentStatus.Escalated, IncidentStatus.Rejected,
            ],
            [IncidentAction.AbsorbDuplicate] =
            [
                IncidentStatus.Reported, IncidentStatus.Registered, IncidentStatus.Dispatched, IncidentStatus.Accepted,
                IncidentStatus.Handled, IncidentStatus.Verified, IncidentStatus.Returned, IncidentStatus.Escalated,
            ],
            // 挂起/延期 are asked for by the handling department, so only while it holds the case.
            [IncidentAction.Pause] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            [IncidentAction.Resume] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            [IncidentAction.Extend] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            [IncidentAction.RequestExtension] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            [IncidentAction.ApproveExtension] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            [IncidentAction.DenyExtension] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            [IncidentAction.RequestPause] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            [IncidentAction.ApprovePause] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            [IncidentAction.DenyPause] = [IncidentStatus.Dispatched, IncidentStatus.Accepted],
            // 回访 follows the on-site verification: the citizen is asked once the city believes it is fixed.
            [IncidentAction.RecordCallback] = [IncidentStatus.Verified, IncidentStatus.SelfHandled],
            [IncidentAction.BlowWhistle] = Summonable,
            [IncidentAction.ReportIn] = Summonable,
            // A triage room may be asked for and run while the owner is open, whoever holds the case.
            [IncidentAction.Triage] =
            [
                IncidentStatus.Reported, IncidentStatus.Registered, IncidentStatus.Dispatched, IncidentStatus.Accepted,
                IncidentStatus.Handled, IncidentStatus.Verified, IncidentStatus.Returned, IncidentStatus.Escalated,
            ],
        };

    public static IncidentStatus? Target(IncidentAction action, IncidentStatus from) =>
        All.FirstOrDefault(t => t.Action == action && t.From == from)?.To;

    public static IReadOnlyList<IncidentStatus> AllowedFrom(IncidentAction action) =>
        StatusPreserving.TryGetValue(action, out var statuses)
            ? statuses
            : [.. All.Where(t => t.Action == action).Select(t => t.From)];

    /// <summary>The table as a Mermaid state diagram, for docs/incidents.md (a test keeps the doc in step).</summary>
    public static string ToMermaid()
    {
        var lines = new List<string> { "stateDiagram-v2", "    [*] --> Reported: Report" };
        lines.AddRange(All.Select(t => $"    {t.From} --> {t.To}: {t.Action}"));
        return string.Join("\n", lines);
    }

    public static bool IsTerminal(IncidentStatus status) =>
        status is IncidentStatus.Merged or IncidentStatus.Rejected;

    private static List<IncidentTransition> Build()
    {
        var table = new List<IncidentTransition>
        {
            new(IncidentAction.SelfHandle, IncidentStatus.Reported, IncidentStatus.SelfHandled),
            new(IncidentAction.Close, IncidentStatus.SelfHandled, IncidentStatus.Closed),
            new(IncidentAction.Register, IncidentStatus.Reported, IncidentStatus.Registered),
            new(IncidentAction.Accept, IncidentStatus.Dispatched, IncidentStatus.Accepted),
            new(IncidentAction.Handle, IncidentStatus.Accepted, IncidentStatus.Handled),
            new(IncidentAction.FailVerification, IncidentStatus.Handled, IncidentStatus.Accepted),
            new(IncidentAction.Verify, IncidentStatus.Handled, IncidentStatus.Verified),
            new(IncidentAction.Close, IncidentStatus.Verified, IncidentStatus.Closed),
            new(IncidentAction.Return, IncidentStatus.Dispatched, IncidentStatus.Returned),
            new(IncidentAction.Return, IncidentStatus.Accepted, IncidentStatus.Returned),
            new(IncidentAction.Reopen, IncidentStatus.Closed, IncidentStatus.Registered),
            // An unsatisfied callback (回访不满意) reopens a verified case before it could close.
            new(IncidentAction.Reopen, IncidentStatus.Verified, IncidentStatus.Registered),
            new(IncidentAction.Reopen, IncidentStatus.SelfHandled, IncidentStatus.Registered),
            // 驳回退回: the department that returned it gets it again; 驳回上报: the lower tier keeps it.
            new(IncidentAction.SendBack, IncidentStatus.Returned, IncidentStatus.Dispatched),
            new(IncidentAction.SendBack, IncidentStatus.Escalated, IncidentStatus.Registered),
        };
        table.AddRange(Waiting.Select(s => new IncidentTransition(IncidentAction.Dispatch, s, IncidentStatus.Dispatched)));
        table.AddRange(
            new[] { IncidentStatus.Registered, IncidentStatus.Dispatched, IncidentStatus.Accepted, IncidentStatus.Returned, IncidentStatus.Escalated }
                .Select(s => new IncidentTransition(IncidentAction.Escalate, s, IncidentStatus.Escalated)));
        table.AddRange(
            new[] { IncidentStatus.Reported, IncidentStatus.Registered, IncidentStatus.Dispatched, IncidentStatus.Accepted, IncidentStatus.Returned, IncidentStatus.Escalated }
                .Select(s => new IncidentTransition(IncidentAction.Merge, s, IncidentStatus.Merged)));
        table.AddRange(
            new[] { IncidentStatus.Reported, IncidentStatus.Registered, IncidentStatus.Returned, IncidentStatus.Escalated }
                .Select(s => new IncidentTransition(IncidentAction.Reject, s, IncidentStatus.Rejected)));
        return table;
    }
}

/// <summary>An action that the case's current state does not allow; the message says why and what must come first.</summary>
public sealed class IncidentTransitionException : InvalidOperationException
{
    public IncidentTransitionException(string incidentNumber, IncidentAction action, IncidentStatus status, string message)
        : base(message)
    {
        IncidentNumber = incidentNumber;
        Action = action;
        Status = status;
    }

    public string IncidentNumber { get; }

    public IncidentAction Action { get; }

    public IncidentStatus Status { get; }
}
