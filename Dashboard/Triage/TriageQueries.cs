using System.Security.Claims;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Core.Triage;
using Dashboard.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Triage;

/// <summary>A case's triage standing for the queue and the case page: its flags, and its open or deciding room.</summary>
public sealed record TriageStanding(IReadOnlyList<TriageFlag> Flags, string? OpenRoomId, string? DecidedRoomId)
{
    public static TriageStanding None { get; } = new([], null, null);

    public bool IsFlagged => Flags.Count > 0;
}

/// <summary>Everything the room page shows, read in one unit of work.</summary>
public sealed record RoomView(
    TriageRoom Room,
    Incident Incident,
    IReadOnlyList<TriageFlag> Flags,
    IReadOnlyList<CandidateOwner> Candidates,
    IReadOnlyList<RoomGuestLink> GuestLinks,
    RoomPresenceOf Who);

/// <summary>Reads for triage: flags for lists of cases, the room view, the rooms a person may enter.</summary>
public sealed class TriageQueries(
    IDbContextFactory<CityDbContext> contexts,
    TriageRules rules,
    CandidateOwners owners,
    InspectionCatalog catalog,
    TriageGuests guests,
    IOptions<TriageOptions> options,
    TimeProvider time)
{
    /// <summary>Flags and rooms of the given cases; a director's request counts until a room decides the case.</summary>
    public async Task<IReadOnlyDictionary<string, TriageStanding>> StandingsAsync(IReadOnlyList<Incident> incidents, CancellationToken cancellationToken)
    {
        if (incidents.Count == 0)
        {
            return new Dictionary<string, TriageStanding>();
        }

        var ids = incidents.Select(i => i.Id).ToList();
        var numbers = incidents.Select(i => i.Number).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requests = await db.Set<IncidentTimelineEntry>().AsNoTracking()
            .Where(e => ids.Contains(EF.Property<long>(e, "IncidentId")) && e.Action == IncidentAction.Triage && e.DetailJson!.Contains("\"step\":\"" + TriageSteps.Requested + "\""))
            .Select(e => new { IncidentId = EF.Property<long>(e, "IncidentId"), e.ActorName, e.Reason, e.AtUtc })
            .ToListAsync(cancellationToken);
        var rooms = await db.Set<TriageRoom>().AsNoTracking().Where(r => numbers.Contains(r.IncidentNumber))
            .Select(r => new { r.Id, r.IncidentNumber, r.Status, r.OpenedUtc }).ToListAsync(cancellationToken);
        var result = new Dictionary<string, TriageStanding>();
        foreach (var incident in incidents)
        {
            var decided = rooms.Where(r => r.IncidentNumber == incident.Number && r.Status == RoomStatus.Decided).MaxBy(r => r.OpenedUtc);
            var open = rooms.FirstOrDefault(r => r.IncidentNumber == incident.Number && r.Status == RoomStatus.Open);
            var request = requests.Where(r => r.IncidentId == incident.Id && (decided is null || r.AtUtc > decided.OpenedUtc)).MaxBy(r => r.AtUtc);
            var flags = incident.IsOpen ? rules.Evaluate(TriageCase.From(incident, request?.ActorName, request?.Reason)) : [];
            result[incident.Number] = new TriageStanding(flags, open?.Id, decided?.Id);
        }

        return result;
    }

    /// <summary>The room with its case, flags, candidate owners (precedents first) and, for the chair, the guest links.</summary>
    public async Task<RoomView?> RoomAsync(ClaimsPrincipal principal, string roomId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var room = await db.Set<TriageRoom>().AsNoTracking().Include(r => r.Invitations).Include(r => r.Steps).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == roomId, cancellationToken);
        if (room is null)
        {
            return null;
        }

        var who = RoomAccess.Of(principal, room, catalog);
        if (who.Role == RoomRole.Guest && !await guests.IsStillValidAsync(principal, cancellationToken))
        {
            who = who with { Role = RoomRole.None };
        }

        var incident = await db.Set<Incident>().AsNoTracking().Include(i => i.Timeline).Include(i => i.Clocks).AsSplitQuery()
            .FirstAsync(i => i.Number == room.IncidentNumber, cancellationToken);
        var request = incident.Timeline.LastOrDefault(t => t.Action == IncidentAction.Triage && t.DetailJson?.Contains("\"step\":\"requested\"", StringComparison.Ordinal) == true);
        var @case = TriageCase.From(incident, request?.ActorName, request?.Reason);
        var flags = rules.Evaluate(@case);
        var placeKey = CandidateOwners.PlaceKeyFor(@case, flags);
        var since = time.GetUtcNow().AddYears(-options.Value.PrecedentYears);
        var precedents = await db.Set<Precedent>().AsNoTracking()
            .Where(p => p.ItemCode == incident.ItemCode && p.PlaceKey == placeKey && p.RuledUtc >= since && p.RoomId != room.Id)
            .ToListAsync(cancellationToken);
        var links = who.IsChairing
            ? await db.Set<RoomGuestLink>().AsNoTracking().Where(l => l.RoomId == room.Id).OrderBy(l => l.IssuedUtc).ToListAsync(cancellationToken)
            : [];
        return new RoomView(room, incident, flags, owners.For(@case, flags, precedents), links, who);
    }

    /// <summary>Rooms the person may enter: every room for a district operator, else those they chair or were invited to.</summary>
    public async Task<IReadOnlyList<TriageRoom>> RoomsForAsync(ClaimsPrincipal principal, bool includeClosed, CancellationToken cancellationToken)
    {
        var user = WorkspaceUser.From(principal);
        if (user is null)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<TriageRoom>().AsNoTracking().Include(r => r.Invitations).AsQueryable();
        if (!includeClosed)
        {
            query = query.Where(r => r.Status == RoomStatus.Open);
        }

        var actorId = user.ToActor().Id;
        var scope = user.ScopeCode;
        query = user.Role switch
        {
            CityRoles.DistrictOperator => query,
            CityRoles.DepartmentLiaison => query.Where(r => r.ChairId == actorId || r.Invitations.Any(i => i.Kind == InviteeKind.Department && i.Code == scope)),
            CityRoles.StreetDirector => query.Where(r => r.ChairId == actorId || r.Invitations.Any(i => i.Kind == InviteeKind.Street && i.Code == scope)),
            CityRoles.CommunityWorker => query.Where(r => r.ChairId == actorId || r.Invitations.Any(i => i.Kind == InviteeKind.Community && i.Code == scope)),
            _ => query.Where(r => false),
        };
        var rooms = await query.ToListAsync(cancellationToken);
        return [.. rooms.OrderBy(r => r.Status).ThenByDescending(r => r.OpenedUtc)];
    }
}
