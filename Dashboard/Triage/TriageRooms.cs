using System.Globalization;
using System.Security.Claims;
using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Core.Triage;
using Dashboard.Director;
using Dashboard.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Triage;

/// <summary>One room step as a form or the JSON API asks for it; which fields matter depends on the step.</summary>
public sealed record RoomStepRequest(
    RoomStepKind Step,
    string? Reason = null,
    string? Department = null,
    HandlingTier? Tier = null,
    int? Proposal = null,
    string? Evidence = null,
    string? Url = null,
    InviteeKind? InviteeKind = null,
    string? Invitee = null,
    string? Label = null,
    DateTimeOffset? DueUtc = null);

public enum TriageOutcomeKind
{
    Done,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}

/// <summary>What happened; <see cref="GuestToken"/> is set once, when a guest link was issued.</summary>
public sealed record TriageOutcome(TriageOutcomeKind Kind, string Message, string? RoomId = null, string? GuestToken = null)
{
    public bool IsDone => Kind == TriageOutcomeKind.Done;
}

/// <summary>
/// Runs joint triage: requests, opening rooms and every room step. Each is authorized on the server
/// (<see cref="RoomAccess"/>, <see cref="IncidentAuthorizer"/>), written to the room (change log → the room's live
/// channel) and to the case's timeline in the same commit; every refusal is written to the audit log. The decision is
/// dispatched through <see cref="IncidentActions"/>, so it is the same dispatch a director would make, with the room as
/// its reason, and leaves a precedent for the next case of the same item at the same place.
/// </summary>
public sealed class TriageRooms(
    IDbContextFactory<CityDbContext> contexts,
    IncidentActions actions,
    InspectionCatalog catalog,
    CityMap city,
    TriageRules rules,
    TriageGuests guests,
    RefusalAudit audit,
    IOptions<TriageOptions> options,
    TimeProvider time)
{
    /// <summary>提请联合研判: a director or worker asks for triage; it shows as a flag until a room settles the case.</summary>
    public async Task<TriageOutcome> RequestAsync(ClaimsPrincipal principal, string number, string? reason, string route, CancellationToken cancellationToken)
    {
        var user = WorkspaceUser.From(principal);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await IncidentActions.Load(db, number, cancellationToken);
        if (user is null || incident is null || !IncidentAuthorizer.CanSee(user, incident))
        {
            await audit.RecordAsync(user, "request-triage", "incident:" + number, route, "not in scope or does not exist", cancellationToken);
            return new(TriageOutcomeKind.NotFound, $"No incident {number} in your scope.");
        }

        if (user.Role is not (CityRoles.DistrictOperator or CityRoles.StreetDirector or CityRoles.CommunityWorker))
        {
            return await RefuseAsync(user, "request-triage", "incident:" + number, route, TriageOutcomeKind.Forbidden, "Only directors, operators and grid workers ask for joint triage.", cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new(TriageOutcomeKind.Invalid, "reason: say why the case needs joint triage.");
        }

        try
        {
            incident.RecordTriage(user.ToActor(), time.GetUtcNow(), TriageSteps.Requested, reason.Trim());
        }
        catch (IncidentTransitionException e)
        {
            return await RefuseAsync(user, "request-triage", "incident:" + number, route, TriageOutcomeKind.Conflict, e.Message, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(TriageOutcomeKind.Done, $"Joint triage requested for {number}.");
    }

    /// <summary>
    /// 发起研判: a district operator (ruling at the district) or the street director of the case's street (ruling at the
    /// street) opens a room and invites departments. A case has at most one open room; asking again returns it.
    /// </summary>
    public async Task<TriageOutcome> OpenAsync(ClaimsPrincipal principal, string number, string? reason, IReadOnlyList<string> departments, string route, CancellationToken cancellationToken)
    {
        var user = WorkspaceUser.From(principal);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await IncidentActions.Load(db, number, cancellationToken);
        if (user is null || incident is null || !IncidentAuthorizer.CanSee(user, incident))
        {
            await audit.RecordAsync(user, "open-room", "incident:" + number, route, "not in scope or does not exist", cancellationToken);
            return new(TriageOutcomeKind.NotFound, $"No incident {number} in your scope.");
        }

        if (user.Role is not (CityRoles.DistrictOperator or CityRoles.StreetDirector))
        {
            return await RefuseAsync(user, "open-room", "incident:" + number, route, TriageOutcomeKind.Forbidden, "Only a district operator or the street's director opens a triage room.", cancellationToken);
        }

        var existing = await db.Set<TriageRoom>().Where(r => r.IncidentNumber == number && r.Status == RoomStatus.Open).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return new(TriageOutcomeKind.Done, $"Room {existing} is already open for {number}.", existing);
        }

        var unknown = departments.FirstOrDefault(d => !IsDispatchable(d));
        if (unknown is not null)
        {
            return new(TriageOutcomeKind.Invalid, $"invite: '{unknown}' is not a case-handling department in the catalog.");
        }

        var actor = user.ToActor();
        var now = time.GetUtcNow();
        var count = await db.Set<TriageRoom>().CountAsync(r => r.IncidentNumber == number, cancellationToken);
        var id = $"TR-{number}-{count + 1}";
        var tier = user.Role == CityRoles.DistrictOperator ? HandlingTier.District : HandlingTier.Street;
        try
        {
            var room = TriageRoom.Open(id, RoomSubject.From(incident), actor, tier, now, reason);
            incident.RecordTriage(actor, now, TriageSteps.Of(RoomStepKind.Opened), reason, ("room", id), ("tier", tier.ToString()));
            foreach (var department in departments.Distinct(StringComparer.Ordinal))
            {
                // A street's command center is invited as its street, so that street's director may enter.
                var (kind, code) = catalog.GetDepartment(department) is { Kind: DepartmentKind.StreetCenter, StreetCode: { } street }
                    ? (InviteeKind.Street, street)
                    : (InviteeKind.Department, department);
                room.Invite(actor, now, kind, code);
                incident.RecordTriage(actor, now, TriageSteps.Of(RoomStepKind.Invited), null, ("room", id), ("invitee", $"{kind}:{code}"));
            }

            db.Add(room);
        }
        catch (IncidentTransitionException e)
        {
            return await RefuseAsync(user, "open-room", "incident:" + number, route, TriageOutcomeKind.Conflict, e.Message, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(TriageOutcomeKind.Done, $"Room {id} opened for {number}.", id);
    }

    /// <summary>Takes one step in a room for whoever <paramref name="principal"/> is there.</summary>
    public async Task<TriageOutcome> StepAsync(ClaimsPrincipal principal, string roomId, RoomStepRequest request, string route, CancellationToken cancellationToken)
    {
        var resource = "room:" + roomId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var room = await db.Set<TriageRoom>().Include(r => r.Invitations).Include(r => r.Steps).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == roomId, cancellationToken);
        var who = room is null ? null : RoomAccess.Of(principal, room, catalog);
        if (who is { Role: RoomRole.Guest } && !await guests.IsStillValidAsync(principal, cancellationToken))
        {
            who = null;
        }

        var user = WorkspaceUser.From(principal);
        if (room is null || who is not { MayEnter: true })
        {
            await audit.RecordAsync(user, request.Step.ToString(), resource, route, room is null ? "no such room" : "not invited", cancellationToken);
            return new(TriageOutcomeKind.NotFound, $"No room {roomId} you were invited to.");
        }

        if (RoomAccess.MayTake(who, room, request.Step) is { } refusal)
        {
            return await RefuseAsync(user, request.Step.ToString(), resource, route,
                room.IsOpen ? TriageOutcomeKind.Forbidden : TriageOutcomeKind.Conflict, refusal, cancellationToken);
        }

        var incident = await IncidentActions.Load(db, room.IncidentNumber, cancellationToken)
            ?? throw new InvalidOperationException($"Room {room.Id} names case {room.IncidentNumber}, which is not in the store.");
        var actor = who.Actor!;
        var now = time.GetUtcNow();
        string? token = null;
        try
        {
            RoomStep step;
            switch (request.Step)
            {
                case RoomStepKind.Proposed:
                    step = room.Propose(actor, now, Dispatchable(request.Department), request.Tier ?? throw new ArgumentException("tier: name the tier that would hold the case."), request.Reason ?? string.Empty);
                    break;
                case RoomStepKind.Agreed:
                    step = room.Agree(actor, now, request.Proposal ?? throw new ArgumentException("proposal: name the proposal (#) you agree with."), request.Reason);
                    break;
                case RoomStepKind.Claimed:
                    step = room.Claim(actor, now, who.DepartmentCode!, request.Reason ?? string.Empty, request.Evidence);
                    break;
                case RoomStepKind.Declined:
                    step = room.Decline(actor, now, who.DepartmentCode!, request.Reason ?? string.Empty, request.Evidence);
                    break;
                case RoomStepKind.Noted:
                    step = room.Note(actor, now, request.Reason ?? string.Empty);
                    break;
                case RoomStepKind.Invited:
                    var (kind, code) = Invitee(request);
                    step = room.Invite(actor, now, kind, code);
                    break;
                case RoomStepKind.VideoLinkSet:
                    step = room.SetVideoLink(actor, now, request.Url ?? string.Empty);
                    break;
                case RoomStepKind.GuestLinkIssued:
                    var (link, issued) = RoomGuestLink.Issue(room.Id, request.Label ?? string.Empty, actor.Name, now, TimeSpan.FromHours(options.Value.GuestLinkHours));
                    db.Add(link);
                    token = issued;
                    step = room.RecordGuestLink(actor, now, link.Label, link.ExpiresUtc);
                    break;
                case RoomStepKind.Escalated:
                    step = room.Escalate(actor, now, request.Reason ?? string.Empty);
                    break;
                case RoomStepKind.Cancelled:
                    step = room.Cancel(actor, now, request.Reason ?? string.Empty);
                    break;
                case RoomStepKind.Decided:
                    return await DecideAsync(db, room, incident, who, request, route, cancellationToken);
                default:
                    return new(TriageOutcomeKind.Invalid, $"step: '{request.Step}' is not a step a person takes.");
            }

            RecordOnTimeline(incident, actor, now, room, step);
        }
        catch (TriageRoomException e)
        {
            return new(room.IsOpen ? TriageOutcomeKind.Invalid : TriageOutcomeKind.Conflict, e.Message, room.Id);
        }
        catch (ArgumentException e)
        {
            return new(TriageOutcomeKind.Invalid, e.Message.Split(" (Parameter", 2)[0], room.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(TriageOutcomeKind.Done, $"{room.Id}: {request.Step}.", room.Id, token);
    }

    /// <summary>
    /// 裁定: the decision becomes the dispatch through <see cref="IncidentActions"/> (registering a case still waiting to
    /// be registered first), the room closes and a precedent is kept — all in one commit, or nothing when the dispatch is refused.
    /// </summary>
    private async Task<TriageOutcome> DecideAsync(CityDbContext db, TriageRoom room, Incident incident, RoomPresenceOf who, RoomStepRequest request, string route, CancellationToken cancellationToken)
    {
        var user = who.User ?? throw new InvalidOperationException("Only a signed-in chair or operator decides.");
        var department = Dispatchable(request.Department);
        var tier = request.Tier ?? throw new ArgumentException("tier: name the tier that will hold the case.");
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? throw new ArgumentException("reason: say why this owner was decided.") : request.Reason.Trim();
        var actor = user.ToActor();
        var now = time.GetUtcNow();
        var flags = rules.Evaluate(TriageCase.From(incident));
        if (incident.Status == IncidentStatus.Reported)
        {
            var registered = await actions.ExecuteWithinAsync(db, incident, user, new ActionRequest(IncidentAction.Register, $"联合研判 {room.Id}"), route, cancellationToken);
            if (!registered.IsDone)
            {
                return new(Map(registered.Kind), registered.Message, room.Id);
            }
        }

        var step = room.Decide(actor, now, department, tier, request.DueUtc, reason);
        RecordOnTimeline(incident, actor, now, room, step);
        var dispatched = await actions.ExecuteWithinAsync(db, incident, user,
            new ActionRequest(IncidentAction.Dispatch, $"联合研判 {room.Id} 裁定：{reason}", department, Tier: tier, DueUtc: request.DueUtc), route, cancellationToken);
        if (!dispatched.IsDone)
        {
            return new(Map(dispatched.Kind), dispatched.Message, room.Id);
        }

        db.Add(new Precedent(room.ItemCode, CandidateOwners.PlaceKeyFor(TriageCase.From(incident), flags), department, tier, room.Id, incident.Number, actor.Name, now, reason));
        await db.SaveChangesAsync(cancellationToken);
        return new(TriageOutcomeKind.Done, $"{room.Id}: decided, {incident.Number} dispatched to {department}.", room.Id);
    }

    private static void RecordOnTimeline(Incident incident, Actor actor, DateTimeOffset now, TriageRoom room, RoomStep step)
    {
        // A case closed or merged elsewhere keeps its final timeline; the room still records the step.
        if (IncidentTransitions.AllowedFrom(IncidentAction.Triage).Contains(incident.Status))
        {
            incident.RecordTriage(actor, now, TriageSteps.Of(step.Kind), step.Text, ("room", room.Id), ("department", step.DepartmentCode), ("tier", step.Tier?.ToString()),
                ("evidence", step.EvidenceUrl), ("proposal", step.RefersTo?.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private (InviteeKind Kind, string Code) Invitee(RoomStepRequest request)
    {
        var code = request.Invitee?.Trim() ?? string.Empty;
        return request.InviteeKind switch
        {
            InviteeKind.Department when IsDispatchable(code) => (InviteeKind.Department, code),
            InviteeKind.Street when StreetCode.TryParse(code, out var street) && city.TryGetStreet(street, out _) => (InviteeKind.Street, code),
            InviteeKind.Community when CommunityCode.TryParse(code, out var community) && city.TryGetCommunity(community, out _) => (InviteeKind.Community, code),
            _ => throw new ArgumentException($"invitee: '{code}' is not a {request.InviteeKind?.ToString().ToLowerInvariant() ?? "department, street or community"} of the district."),
        };
    }

    private string Dispatchable(string? department) =>
        IsDispatchable(department?.Trim()) ? department!.Trim() : throw new ArgumentException($"department: '{department}' is not a case-handling department in the catalog.");

    private bool IsDispatchable(string? code) => code is not null && catalog.TryGetDepartment(code, out var d) && d!.CanHandleCases;

    private async Task<TriageOutcome> RefuseAsync(WorkspaceUser? user, string action, string resource, string route, TriageOutcomeKind kind, string reason, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(user, action, resource, route, reason, cancellationToken);
        return new(kind, reason);
    }

    private static TriageOutcomeKind Map(ActionOutcomeKind kind) => kind switch
    {
        ActionOutcomeKind.NotFound => TriageOutcomeKind.NotFound,
        ActionOutcomeKind.Forbidden => TriageOutcomeKind.Forbidden,
        ActionOutcomeKind.Conflict => TriageOutcomeKind.Conflict,
        _ => TriageOutcomeKind.Invalid,
    };
}

/// <summary>The <c>step</c> values triage writes into a case's timeline detail.</summary>
public static class TriageSteps
{
    public const string Requested = "requested";

    public static string Of(RoomStepKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
