using System.Security.Claims;
using Dashboard.Core.Live;
using Dashboard.Live;

namespace Dashboard.Wall;

/// <summary>
/// Wraps the app's <see cref="ILiveScopeAuthorizer"/>: a wall screen signed in by its display token follows only
/// scopes inside the token's scope, whatever the wrapped rule would grant; everyone else is decided by the wrapped rule.
/// </summary>
public sealed class WallScopeAuthorizer(ILiveScopeAuthorizer inner) : ILiveScopeAuthorizer
{
    public ValueTask<LiveScopeDecision> AuthorizeAsync(ClaimsPrincipal user, LiveScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        if (!user.HasClaim(c => c.Type == WallDisplayAuthenticationHandler.DisplayClaimType))
        {
            return inner.AuthorizeAsync(user, scope, cancellationToken);
        }

        return ValueTask.FromResult(AllowedScope(user) is { } granted && scope.IsWithin(granted)
            ? LiveScopeDecision.Allowed
            : LiveScopeDecision.Refused($"This wall display may show {AllowedScope(user)?.ToString() ?? "nothing"}, not {scope}."));
    }

    /// <summary>The scope a wall principal was issued for, or null when the principal is not a wall.</summary>
    public static LiveScope? AllowedScope(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.HasClaim(c => c.Type == WallDisplayAuthenticationHandler.DisplayClaimType))
        {
            return null;
        }

        var claim = user.FindFirst(DemoLiveScopeAuthorizer.ScopeClaimType)?.Value;
        return LiveScope.TryParse(claim, out var scope, out _) ? scope : null;
    }
}
