using System.Security.Claims;
using Dashboard.Core.Live;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>
/// Decides whether a user may follow a live scope. Scopes are enforced on the server: nothing a user may not see
/// is ever sent to them. The people-and-permissions work replaces <see cref="DemoLiveScopeAuthorizer"/> with a real one
/// (register it before <c>AddLive()</c> or replace the service).
/// </summary>
public interface ILiveScopeAuthorizer
{
    ValueTask<LiveScopeDecision> AuthorizeAsync(ClaimsPrincipal user, LiveScope scope, CancellationToken cancellationToken);
}

/// <summary>The authorizer's answer; a refusal says why, in words the client can show.</summary>
public sealed record LiveScopeDecision(bool IsAllowed, string? Reason)
{
    public static LiveScopeDecision Allowed { get; } = new(true, null);

    public static LiveScopeDecision Refused(string reason) => new(false, reason);
}

/// <summary>
/// The demo rule until people and permissions exist: an anonymous visitor may follow district scopes (the local
/// demo, switchable with <see cref="LiveOptions.AnonymousMaySeeDistrict"/>); a signed-in user may follow every
/// scope within one of their <see cref="ScopeClaimType"/> claims (a <c>street:440604010</c> claim covers that
/// street and its communities; a room needs its own claim).
/// </summary>
public sealed class DemoLiveScopeAuthorizer(IOptions<LiveOptions> options) : ILiveScopeAuthorizer
{
    /// <summary>A claim whose value is a scope in text form, e.g. <c>street:440604010</c>.</summary>
    public const string ScopeClaimType = "scope";

    public ValueTask<LiveScopeDecision> AuthorizeAsync(ClaimsPrincipal user, LiveScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        if (user.Identity?.IsAuthenticated != true)
        {
            return ValueTask.FromResult(scope.Kind == LiveScopeKind.District && options.Value.AnonymousMaySeeDistrict
                ? LiveScopeDecision.Allowed
                : LiveScopeDecision.Refused($"Anonymous visitors may follow only the district; sign in to follow {scope}."));
        }

        foreach (var claim in user.FindAll(ScopeClaimType))
        {
            if (LiveScope.TryParse(claim.Value, out var granted, out _) && scope.IsWithin(granted))
            {
                return ValueTask.FromResult(LiveScopeDecision.Allowed);
            }
        }

        return ValueTask.FromResult(LiveScopeDecision.Refused($"{user.Identity.Name ?? "This user"} has no scope that covers {scope}."));
    }
}
