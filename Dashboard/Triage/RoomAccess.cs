using System.Security.Claims;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Triage;
using Dashboard.Live;
using Dashboard.People;
using Dashboard.Wall;

namespace Dashboard.Triage;

/// <summary>How a person stands in a room; decides what they may do there.</summary>
public enum RoomRole
{
    /// <summary>Not invited: may not enter.</summary>
    None,

    /// <summary>The district wall of the command hall: watches, acts on nothing.</summary>
    Wall,

    /// <summary>A guest of an outside unit, through a valid link to this room.</summary>
    Guest,

    /// <summary>An invited department liaison, street director or community worker.</summary>
    Participant,

    /// <summary>The person who opened the room.</summary>
    Chair,

    /// <summary>A district operator (区指挥中心): may enter every room and rules at the top tier.</summary>
    Operator,
}

/// <summary>Who someone is in a room: their role there, how they appear on the record and for whom they claim.</summary>
public sealed record RoomPresenceOf(RoomRole Role, Actor? Actor, string? DepartmentCode, HandlingTier? Tier, WorkspaceUser? User)
{
    public bool MayEnter => Role != RoomRole.None;

    public bool IsChairing => Role is RoomRole.Chair or RoomRole.Operator;
}

/// <summary>
/// The one rule for rooms, used by the pages, the forms, the JSON API and the live hub: only invited participants,
/// the chair, district operators, a valid guest link of that very room, and the district wall (read-only) may enter.
/// What each may do: <see cref="MayTake"/>.
/// </summary>
public static class RoomAccess
{
    /// <summary>The room steps a person takes from the room page, in the order the page offers them.</summary>
    public static IReadOnlyList<RoomStepKind> Steps { get; } =
    [
        RoomStepKind.Proposed, RoomStepKind.Agreed, RoomStepKind.Claimed, RoomStepKind.Declined, RoomStepKind.Noted,
        RoomStepKind.Invited, RoomStepKind.VideoLinkSet, RoomStepKind.GuestLinkIssued, RoomStepKind.Escalated,
        RoomStepKind.Decided, RoomStepKind.Cancelled,
    ];

    public static RoomPresenceOf Of(ClaimsPrincipal principal, TriageRoom room, InspectionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(room);
        if (principal.FindFirstValue(LiveChannels.GuestClaimType) is { } guestRoom)
        {
            // The guest principal is only issued for a link that is valid now (TriageGuests); it names one room.
            return guestRoom == room.Id
                ? new(RoomRole.Guest, new Actor(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "guest", principal.Identity?.Name ?? "guest", "guest"),
                    principal.FindFirstValue(TriageGuests.DepartmentClaimType), null, null)
                : new(RoomRole.None, null, null, null, null);
        }

        if (WallScopeAuthorizer.AllowedScope(principal) is { Kind: LiveScopeKind.District })
        {
            return new(RoomRole.Wall, null, null, null, null);
        }

        if (WorkspaceUser.From(principal) is not { } user)
        {
            return new(RoomRole.None, null, null, null, null);
        }

        var actor = user.ToActor();
        if (user.Role == CityRoles.DistrictOperator)
        {
            return new(RoomRole.Operator, actor, null, HandlingTier.District, user);
        }

        (InviteeKind? kind, string? department, HandlingTier tier) = user.Role switch
        {
            CityRoles.StreetDirector => (InviteeKind.Street, catalog.StreetCenterFor(user.ScopeCode)?.Code, HandlingTier.Street),
            CityRoles.CommunityWorker => (InviteeKind.Community, catalog.StreetCenterFor(user.ScopeCode[..9])?.Code, HandlingTier.Community),
            CityRoles.DepartmentLiaison => (InviteeKind.Department, user.ScopeCode, HandlingTier.District),
            _ => ((InviteeKind?)null, (string?)null, HandlingTier.Grid),
        };
        if (room.ChairId == actor.Id)
        {
            return new(RoomRole.Chair, actor, department, tier, user);
        }

        return kind is { } invitee && room.IsInvited(invitee, user.ScopeCode)
            ? new(RoomRole.Participant, actor, department, tier, user)
            : new(RoomRole.None, null, null, null, user);
    }

    /// <summary>Whether someone of this standing may take <paramref name="step"/> in the room now; null when they may, else why not.</summary>
    public static string? MayTake(RoomPresenceOf who, TriageRoom room, RoomStepKind step)
    {
        if (!who.MayEnter)
        {
            return $"Not invited to room {room.Id}.";
        }

        if (who.Role == RoomRole.Wall)
        {
            return "A wall display watches the room; it acts on nothing.";
        }

        if (!room.IsOpen)
        {
            return $"Room {room.Id} is {room.Status.ToString().ToLowerInvariant()}.";
        }

        return step switch
        {
            RoomStepKind.Proposed or RoomStepKind.Agreed or RoomStepKind.Noted => null,
            RoomStepKind.Claimed or RoomStepKind.Declined => who.DepartmentCode is null
                ? "Only a participating department or street can claim or decline; the chair rules instead."
                : null,
            RoomStepKind.Escalated => who.Role == RoomRole.Guest ? "A guest may not escalate; ask the chair." : null,
            RoomStepKind.Invited or RoomStepKind.VideoLinkSet or RoomStepKind.GuestLinkIssued or RoomStepKind.Cancelled =>
                who.IsChairing ? null : "Only the chair or a district operator may do that.",
            RoomStepKind.Decided => !who.IsChairing
                ? "Only the chair or a district operator records the decision."
                : who.Role == RoomRole.Operator || who.Tier >= room.RulingTier
                    ? null
                    : $"The room was escalated: the {room.RulingTier.ToString().ToLowerInvariant()} tier rules now.",
            _ => $"'{step}' is not a step a person takes.",
        };
    }
}
