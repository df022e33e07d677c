using System.Security.Claims;
using Dashboard.Core.Live;

namespace Dashboard.Wall;

/// <summary>The outcome of opening a wall: the scope it shows, or why it may not open (400 or 403).</summary>
public sealed record WallAccessDecision(LiveScope? Scope, int StatusCode, string? Reason)
{
    public bool IsAllowed => Scope is not null;
}

/// <summary>Who may open which wall: the page and <c>/api/wall</c> apply the same rule.</summary>
public static class WallAccess
{
    /// <summary>
    /// A wall principal (token or local) sees its own scope, or a <paramref name="requestedScope"/> inside it;
    /// anyone else is refused. A malformed scope is a 400 naming the problem.
    /// </summary>
    public static WallAccessDecision Decide(ClaimsPrincipal user, string? requestedScope)
    {
        ArgumentNullException.ThrowIfNull(user);
        var granted = WallScopeAuthorizer.AllowedScope(user);
        if (granted is null)
        {
            return new(null, StatusCodes.Status403Forbidden,
                "This screen has no display token. Open the wall as /wall?token=<display token> (Wall:DisplayTokens).");
        }

        if (string.IsNullOrWhiteSpace(requestedScope))
        {
            return new(granted, StatusCodes.Status200OK, null);
        }

        if (!LiveScope.TryParse(requestedScope, out var wanted, out var error))
        {
            return new(null, StatusCodes.Status400BadRequest, $"scope: {error}");
        }

        if (wanted.Kind is not (LiveScopeKind.District or LiveScopeKind.Street or LiveScopeKind.Community))
        {
            return new(null, StatusCodes.Status400BadRequest, $"scope: a wall shows a district, a street or a community, not {wanted}.");
        }

        return wanted.IsWithin(granted)
            ? new(wanted, StatusCodes.Status200OK, null)
            : new(null, StatusCodes.Status403Forbidden, $"This display token covers {granted}, not {wanted}.");
    }
}
