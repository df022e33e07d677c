using System.Security.Claims;
using Dashboard.Core.Catalog;
using Dashboard.Core.Live;
using Dashboard.Core.Storage;
using Dashboard.Core.Triage;
using Dashboard.Live;
using Dashboard.People;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Triage;

/// <summary>
/// Wraps the app's <see cref="ILiveScopeAuthorizer"/>: <c>room:…</c> scopes are decided by <see cref="RoomAccess"/>
/// against the stored room (and, for a guest, a link of that room still valid now); refusals are audited. Every other
/// scope goes to the wrapped rule (people's scopes, the wall's display token).
/// </summary>
public sealed class RoomScopeAuthorizer(
    ILiveScopeAuthorizer inner,
    IDbContextFactory<CityDbContext> contexts,
    InspectionCatalog catalog,
    TriageGuests guests,
    RefusalAudit audit) : ILiveScopeAuthorizer
{
    public async ValueTask<LiveScopeDecision> AuthorizeAsync(ClaimsPrincipal user, LiveScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Kind != LiveScopeKind.Room)
        {
            return await inner.AuthorizeAsync(user, scope, cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var room = await db.Set<TriageRoom>().AsNoTracking().Include(r => r.Invitations)
            .FirstOrDefaultAsync(r => r.Id == scope.Code, cancellationToken);
        var who = room is null ? null : RoomAccess.Of(user, room, catalog);
        if (who is { Role: RoomRole.Guest } && !await guests.IsStillValidAsync(user, cancellationToken))
        {
            who = null;
        }

        if (who is { MayEnter: true })
        {
            return LiveScopeDecision.Allowed;
        }

        var reason = room is null ? $"There is no room {scope.Code}." : $"{user.Identity?.Name ?? "This user"} is not invited to room {scope.Code}.";
        await audit.RecordAsync(WorkspaceUser.From(user), "follow", "room:" + scope.Code, "hub", reason, cancellationToken);
        return LiveScopeDecision.Refused(reason);
    }
}
