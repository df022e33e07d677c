using System.Security.Claims;
using Dashboard.Core.Storage;
using Dashboard.Core.Triage;
using Dashboard.Live;
using Dashboard.People;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Triage;

/// <summary>
/// Guests of one room (departments outside the system): the link <c>/triage/guest/{token}</c> checks the token's hash
/// against the store, then keeps the token in the <see cref="CookieName"/> cookie; on the room's pages, its API and the
/// live hub a request carrying that cookie and no person's sign-in becomes a guest principal of that room only, and
/// only while the link is valid (not expired, not revoked).
/// </summary>
public sealed class TriageGuests(IDbContextFactory<CityDbContext> contexts, TimeProvider time)
{
    public const string CookieName = "triage_guest";
    public const string SchemeName = "TriageGuest";

    /// <summary>The unit a guest speaks for in claims and declines: <c>guest-&lt;link id&gt;</c>.</summary>
    public const string DepartmentClaimType = "triage_guest_department";

    private const string LinkClaimType = "triage_guest_link";

    private static readonly string[] Paths = ["/triage", "/api/triage", LiveEndpoints.HubPath, "/api/live"];

    /// <summary>The valid link a token opens, or null.</summary>
    public async Task<RoomGuestLink?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 128)
        {
            return null;
        }

        var hash = RoomGuestLink.HashOf(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.Set<RoomGuestLink>().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link is not null && link.IsValidAt(time.GetUtcNow()) ? link : null;
    }

    /// <summary>A guest principal for a link; its claims name the room and the link.</summary>
    public static ClaimsPrincipal PrincipalFor(RoomGuestLink link) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, $"guest:{link.Id}"),
        new Claim(ClaimTypes.Name, link.Label),
        new Claim(WorkspaceUser.DisplayNameClaim, link.Label),
        new Claim(LiveChannels.GuestClaimType, link.RoomId),
        new Claim(LinkClaimType, link.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(DepartmentClaimType, $"guest-{link.Id}"),
    ], SchemeName));

    /// <summary>Re-checks a guest principal's link (a hub connection outlives the request that opened it).</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!long.TryParse(principal.FindFirstValue(LinkClaimType), out var id))
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.Set<RoomGuestLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return link is not null && link.IsValidAt(time.GetUtcNow());
    }

    /// <summary>Middleware: turns a guest cookie into the guest principal where guests may go, unless a person is signed in.</summary>
    internal async Task SignInGuestAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var token)
            && Paths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && WorkspaceUser.From(context.User) is null
            && await FindAsync(token, context.RequestAborted) is { } link)
        {
            context.User = PrincipalFor(link);
        }

        await next();
    }
}
