using System.Linq.Expressions;

namespace Dashboard.Core.Incidents;

/// <summary>
/// 自处置 (handled on the spot), defined once for every figure that shows it: a case the reporter closed on the spot,
/// as the grid app marks it (<c>handledOnTheSpot</c>) or a community worker does in the workspace, that is a
/// <see cref="IncidentAction.Close"/> out of <see cref="IncidentStatus.SelfHandled"/>. It is counted on the local day
/// of that closing, like every other closing. A case that is only <see cref="IncidentStatus.SelfHandled"/> is not
/// handled on the spot yet: it is open (nobody has closed it) and counts as open everywhere, closure rate included.
/// </summary>
/// <remarks>The rollups (<c>RollupBuilder</c>), the wall's KPIs and the reports all use these members.</remarks>
public static class HandledOnTheSpot
{
    /// <summary>True for the timeline entry that makes a case handled on the spot.</summary>
    public static bool IsClosing(IncidentAction action, IncidentStatus? fromStatus) =>
        action == IncidentAction.Close && fromStatus == IncidentStatus.SelfHandled;

    /// <summary><see cref="IsClosing"/> as a query filter over timeline entries.</summary>
    public static Expression<Func<IncidentTimelineEntry, bool>> Closing { get; } =
        t => t.Action == IncidentAction.Close && t.FromStatus == IncidentStatus.SelfHandled;
}
