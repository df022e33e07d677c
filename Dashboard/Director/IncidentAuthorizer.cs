using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.People;
using static Dashboard.Localization.UiCultures;

namespace Dashboard.Director;

/// <summary>Why an action on an incident is or is not allowed for a user.</summary>
public enum IncidentVerdict
{
    Allowed,

    /// <summary>Outside the user's scope: answered exactly like a case that does not exist, so ids cannot be probed.</summary>
    NotVisible,

    /// <summary>Visible, but the user's role may not do this (or not to this case).</summary>
    RoleForbids,

    /// <summary>The role may, but the case's state does not allow it now.</summary>
    StateForbids,
}

public sealed record IncidentDecision(IncidentVerdict Verdict, string Message)
{
    public bool IsAllowed => Verdict == IncidentVerdict.Allowed;
}

/// <summary>
/// Resource-based authorization for incidents, the one rule every route uses (pages, forms, the JSON API, exports,
/// photos; the hub follows the same scopes through the live scope claim). Visibility: the district roles see every
/// case; a street director the cases located in their street; a community worker those in their community; a
/// department liaison those currently dispatched to their department and those a whistle summoned it to. Actions:
/// each role has its own set (below), further limited by the case's state (<see cref="IncidentTransitions"/>).
/// Messages speak the request's language, Chinese first.
/// </summary>
public sealed class IncidentAuthorizer
{
    /// <summary>The actions a person can take from the workspace, in the order the detail page offers them.</summary>
    public static IReadOnlyList<IncidentAction> WorkspaceActions { get; } =
    [
        IncidentAction.ReportIn,
        IncidentAction.Register, IncidentAction.SelfHandle, IncidentAction.Dispatch, IncidentAction.Accept, IncidentAction.Return,
        IncidentAction.Handle, IncidentAction.Verify, IncidentAction.FailVerification, IncidentAction.RecordCallback, IncidentAction.Close,
        IncidentAction.Reopen, IncidentAction.SendBack, IncidentAction.Escalate, IncidentAction.Merge, IncidentAction.Reject,
        IncidentAction.RequestExtension, IncidentAction.ApproveExtension, IncidentAction.DenyExtension,
        IncidentAction.RequestPause, IncidentAction.ApprovePause, IncidentAction.DenyPause, IncidentAction.Resume,
        IncidentAction.BlowWhistle,
    ];

    /// <summary>Decisions a director takes on what others asked for or pushed back: the approval inbox (审批).</summary>
    public static IReadOnlySet<IncidentAction> Decisions { get; } = new HashSet<IncidentAction>
    {
        IncidentAction.ApproveExtension, IncidentAction.DenyExtension, IncidentAction.ApprovePause, IncidentAction.DenyPause,
        IncidentAction.SendBack,
    };

    private static readonly IncidentAction[] Dispatcher =
    [
        IncidentAction.Register, IncidentAction.SelfHandle, IncidentAction.Dispatch, IncidentAction.Verify, IncidentAction.FailVerification,
        IncidentAction.RecordCallback, IncidentAction.Close, IncidentAction.Reopen, IncidentAction.SendBack, IncidentAction.Escalate,
        IncidentAction.Merge, IncidentAction.Reject, IncidentAction.ApproveExtension, IncidentAction.DenyExtension,
        IncidentAction.ApprovePause, IncidentAction.DenyPause, IncidentAction.Resume, IncidentAction.BlowWhistle,
    ];

    /// <summary>What each role may do at all, before scope and state are considered.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<IncidentAction>> RoleActions { get; } = new Dictionary<string, IReadOnlySet<IncidentAction>>
    {
        [CityRoles.DistrictOperator] = Dispatcher.ToHashSet(),
        [CityRoles.StreetDirector] = Dispatcher.ToHashSet(),
        [CityRoles.CommunityWorker] = new HashSet<IncidentAction>
        {
            IncidentAction.SelfHandle, IncidentAction.Close, IncidentAction.Verify, IncidentAction.FailVerification, IncidentAction.Escalate,
        },
        [CityRoles.DepartmentLiaison] = new HashSet<IncidentAction>
        {
            IncidentAction.Accept, IncidentAction.Return, IncidentAction.Handle, IncidentAction.RequestExtension,
            IncidentAction.RequestPause, IncidentAction.Resume, IncidentAction.ReportIn,
        },
        [CityRoles.Administrator] = new HashSet<IncidentAction>(),
    };

    public static bool CanSee(WorkspaceUser user, Incident incident) => user.Role switch
    {
        CityRoles.DistrictOperator or CityRoles.Administrator => true,
        CityRoles.StreetDirector => incident.Location.StreetCode == user.ScopeCode,
        CityRoles.CommunityWorker => incident.Location.CommunityCode == user.ScopeCode,
        CityRoles.DepartmentLiaison => incident.AssignedDepartmentCode == user.ScopeCode || incident.Summons.Any(s => s.DepartmentCode == user.ScopeCode),
        _ => false,
    };

    /// <summary>The same rule as <see cref="CanSee"/>, as a query filter that runs in the database.</summary>
    public static IQueryable<Incident> Visible(IQueryable<Incident> incidents, WorkspaceUser user)
    {
        var scope = user.ScopeCode;
        return user.Role switch
        {
            CityRoles.DistrictOperator or CityRoles.Administrator => incidents,
            CityRoles.StreetDirector => incidents.Where(i => i.Location.StreetCode == scope),
            CityRoles.CommunityWorker => incidents.Where(i => i.Location.CommunityCode == scope),
            CityRoles.DepartmentLiaison => incidents.Where(i => i.AssignedDepartmentCode == scope || i.Summons.Any(s => s.DepartmentCode == scope)),
            _ => incidents.Where(i => false),
        };
    }

    public static IncidentDecision Decide(WorkspaceUser user, Incident incident, IncidentAction action)
    {
        var n = incident.Number;
        if (!CanSee(user, incident))
        {
            return new(IncidentVerdict.NotVisible, Say($"您的范围内没有案件 {n}。", $"No incident {n} in your scope."));
        }

        if (!RoleActions.TryGetValue(user.Role, out var allowed) || !allowed.Contains(action))
        {
            return Role(Say($"{RoleName(user.Role, chinese: true)}无权{ActionName(action, chinese: true)}。", $"A {RoleName(user.Role, chinese: false)} may not {Verb(action)} incidents."));
        }

        if (user.Role == CityRoles.CommunityWorker && action == IncidentAction.Close && incident.Status != IncidentStatus.SelfHandled)
        {
            return Role(Say($"网格员只能对自己现场处置的案件结案；案件 {n} 当前为{StatusName(incident.Status)}。",
                $"A community worker closes only what they handled on the spot; incident {n} is {incident.Status}."));
        }

        if (user.Role == CityRoles.StreetDirector && incident.Status == IncidentStatus.Escalated && incident.OwnerTier == HandlingTier.District)
        {
            return Role(Say($"案件 {n} 已上报区级，由区指挥中心决定。", $"Incident {n} was escalated to the district; the district operator decides now."));
        }

        // A summoned department sees the case to report in; the handling stays with the department it was dispatched to.
        if (user.Role == CityRoles.DepartmentLiaison && action != IncidentAction.ReportIn && incident.AssignedDepartmentCode != user.ScopeCode)
        {
            return Role(Say($"案件 {n} 未派遣给您的部门；您的部门只需报到。", $"Incident {n} is not dispatched to your department; your department only reports in."));
        }

        if (!IncidentTransitions.AllowedFrom(action).Contains(incident.Status)
            || (action == IncidentAction.Reopen && incident.Status != IncidentStatus.Closed))
        {
            var from = action == IncidentAction.Reopen ? [IncidentStatus.Closed] : IncidentTransitions.AllowedFrom(action);
            return State(Say(
                $"无法{ActionName(action, chinese: true)}案件 {n}：当前为{StatusName(incident.Status)}，须先处于{string.Join("或", from.Select(StatusName))}。",
                $"Cannot {Verb(action)} incident {n}: it is {incident.Status}; it must be {string.Join(" or ", from)} first."));
        }

        return action switch
        {
            IncidentAction.SelfHandle when !incident.IsOnTheSpot => State(Say(
                $"案件 {n} 的事项 {incident.ItemCode} 不属于现场处置事项，请立案并派遣。",
                $"Cannot handle incident {n} on the spot: item {incident.ItemCode} is not an on-the-spot item; register and dispatch it.")),
            IncidentAction.ApproveExtension or IncidentAction.DenyExtension when incident.PendingExtension is null => State(Say(
                $"案件 {n} 没有待审批的延期申请。", $"Incident {n} has no extension request waiting for a decision.")),
            IncidentAction.RequestExtension when incident.PendingExtension is not null => State(Say(
                $"案件 {n} 已有延期申请待审批。", $"Incident {n} already has an extension request waiting for a decision.")),
            IncidentAction.ApprovePause or IncidentAction.DenyPause when incident.PendingPause is null => State(Say(
                $"案件 {n} 没有待审批的挂起申请。", $"Incident {n} has no pause request waiting for a decision.")),
            IncidentAction.RequestPause when incident.PendingPause is not null || incident.IsPaused => State(Say(
                $"案件 {n} 已挂起或已有挂起申请待审批。", $"Incident {n} is already paused or has a pause request waiting.")),
            IncidentAction.Resume when !incident.IsPaused => State(Say($"案件 {n} 未挂起。", $"Incident {n} is not paused.")),
            IncidentAction.RecordCallback when !incident.NeedsCitizenCallback => State(Say(
                $"案件 {n} 不是市民（12345/Open311）上报的，无需回访。", $"Incident {n} was not reported by a citizen (12345/Open311); no callback is needed.")),
            IncidentAction.Close when incident.NeedsCitizenCallback && !incident.HasSatisfiedCallback => State(Say(
                $"案件 {n} 由市民上报，结案前须完成回访且市民满意。", $"Incident {n} was reported by a citizen; record a satisfied callback before closing it.")),
            IncidentAction.ReportIn when !incident.WaitingSummons.Any(s => s.DepartmentCode == user.ScopeCode) => State(Say(
                $"您的部门未被召集到案件 {n}，或已报到。", $"Your department is not summoned to incident {n}, or has already reported in.")),
            _ => new(IncidentVerdict.Allowed, string.Empty),
        };
    }

    /// <summary>The actions this user may take on this case now, in <see cref="WorkspaceActions"/> order.</summary>
    public static IReadOnlyList<IncidentAction> AllowedActions(WorkspaceUser user, Incident incident) =>
        [.. WorkspaceActions.Where(a => Decide(user, incident, a).IsAllowed)];

    public static string Verb(IncidentAction action) => action switch
    {
        IncidentAction.SelfHandle => "handle on the spot",
        IncidentAction.FailVerification => "fail verification of",
        IncidentAction.RequestExtension => "request an extension for",
        IncidentAction.ApproveExtension => "approve an extension for",
        IncidentAction.DenyExtension => "deny an extension for",
        IncidentAction.RequestPause => "request a pause for",
        IncidentAction.ApprovePause => "approve a pause for",
        IncidentAction.DenyPause => "deny a pause for",
        IncidentAction.RecordCallback => "record a callback for",
        IncidentAction.SendBack => "send back",
        IncidentAction.BlowWhistle => "blow the whistle on",
        IncidentAction.ReportIn => "report in to",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static IncidentDecision Role(string message) => new(IncidentVerdict.RoleForbids, message);

    private static IncidentDecision State(string message) => new(IncidentVerdict.StateForbids, message);

    private static string ActionName(IncidentAction action, bool chinese) =>
        chinese && WorkspaceText.Entries.TryGetValue("Action." + action, out var text) ? text.Chinese : Verb(action);

    private static string StatusName(IncidentStatus status) =>
        WorkspaceText.Entries.TryGetValue("Status." + status, out var text) ? Say($"「{text.Chinese}」", status.ToString()) : status.ToString();

    private static string RoleName(string role, bool chinese) =>
        chinese && WorkspaceText.Entries.TryGetValue("Role." + role, out var text) ? text.Chinese : role switch
        {
            CityRoles.DistrictOperator => "district operator",
            CityRoles.StreetDirector => "street director",
            CityRoles.CommunityWorker => "community worker",
            CityRoles.DepartmentLiaison => "department liaison",
            CityRoles.Administrator => "administrator",
            _ => role,
        };
}
