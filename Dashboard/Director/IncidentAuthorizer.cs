using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.People;

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
/// Resource-based authorization for incidents, the one rule every route uses (pages, forms, the JSON API, exports;
/// the hub follows the same scopes through the live scope claim). Visibility: the district roles see every case;
/// a street director the cases located in their street; a community worker those in their community; a department
/// liaison those currently dispatched to their department. Actions: each role has its own set (below), further
/// limited by the case's state (<see cref="IncidentTransitions"/>).
/// </summary>
public sealed class IncidentAuthorizer
{
    /// <summary>The actions a person can take from the workspace, in the order the detail page offers them.</summary>
    public static IReadOnlyList<IncidentAction> WorkspaceActions { get; } =
    [
        IncidentAction.Register, IncidentAction.SelfHandle, IncidentAction.Dispatch, IncidentAction.Accept, IncidentAction.Return,
        IncidentAction.Handle, IncidentAction.Verify, IncidentAction.FailVerification, IncidentAction.Close, IncidentAction.Reopen,
        IncidentAction.Escalate, IncidentAction.Merge, IncidentAction.Reject,
        IncidentAction.RequestExtension, IncidentAction.ApproveExtension, IncidentAction.DenyExtension,
    ];

    private static readonly IncidentAction[] Dispatcher =
    [
        IncidentAction.Register, IncidentAction.SelfHandle, IncidentAction.Dispatch, IncidentAction.Verify, IncidentAction.FailVerification,
        IncidentAction.Close, IncidentAction.Reopen, IncidentAction.Escalate, IncidentAction.Merge, IncidentAction.Reject,
        IncidentAction.ApproveExtension, IncidentAction.DenyExtension,
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
        },
        [CityRoles.Administrator] = new HashSet<IncidentAction>(),
    };

    public static bool CanSee(WorkspaceUser user, Incident incident) => user.Role switch
    {
        CityRoles.DistrictOperator or CityRoles.Administrator => true,
        CityRoles.StreetDirector => incident.Location.StreetCode == user.ScopeCode,
        CityRoles.CommunityWorker => incident.Location.CommunityCode == user.ScopeCode,
        CityRoles.DepartmentLiaison => incident.AssignedDepartmentCode == user.ScopeCode,
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
            CityRoles.DepartmentLiaison => incidents.Where(i => i.AssignedDepartmentCode == scope),
            _ => incidents.Where(i => false),
        };
    }

    public static IncidentDecision Decide(WorkspaceUser user, Incident incident, IncidentAction action)
    {
        if (!CanSee(user, incident))
        {
            return new(IncidentVerdict.NotVisible, $"No incident {incident.Number} in your scope.");
        }

        if (!RoleActions.TryGetValue(user.Role, out var allowed) || !allowed.Contains(action))
        {
            return new(IncidentVerdict.RoleForbids, $"A {RoleName(user.Role)} may not {Verb(action)} incidents.");
        }

        if (user.Role == CityRoles.CommunityWorker && action == IncidentAction.Close && incident.Status != IncidentStatus.SelfHandled)
        {
            return new(IncidentVerdict.RoleForbids, $"A community worker closes only what they handled on the spot; incident {incident.Number} is {incident.Status}.");
        }

        if (user.Role == CityRoles.StreetDirector && incident.Status == IncidentStatus.Escalated && incident.OwnerTier == HandlingTier.District)
        {
            return new(IncidentVerdict.RoleForbids, $"Incident {incident.Number} was escalated to the district; the district operator decides now.");
        }

        if (!IncidentTransitions.AllowedFrom(action).Contains(incident.Status))
        {
            var from = IncidentTransitions.AllowedFrom(action);
            return new(IncidentVerdict.StateForbids,
                $"Cannot {Verb(action)} incident {incident.Number}: it is {incident.Status}; it must be {string.Join(" or ", from)} first.");
        }

        if (action == IncidentAction.SelfHandle && !incident.IsOnTheSpot)
        {
            return new(IncidentVerdict.StateForbids, $"Cannot handle incident {incident.Number} on the spot: item {incident.ItemCode} is not an on-the-spot item; register and dispatch it.");
        }

        if (action is IncidentAction.ApproveExtension or IncidentAction.DenyExtension && incident.PendingExtension is null)
        {
            return new(IncidentVerdict.StateForbids, $"Incident {incident.Number} has no extension request waiting for a decision.");
        }

        if (action == IncidentAction.RequestExtension && incident.PendingExtension is not null)
        {
            return new(IncidentVerdict.StateForbids, $"Incident {incident.Number} already has an extension request waiting for a decision.");
        }

        return new(IncidentVerdict.Allowed, string.Empty);
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
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string RoleName(string role) => role switch
    {
        CityRoles.DistrictOperator => "district operator",
        CityRoles.StreetDirector => "street director",
        CityRoles.CommunityWorker => "community worker",
        CityRoles.DepartmentLiaison => "department liaison",
        CityRoles.Administrator => "administrator",
        _ => role,
    };
}
