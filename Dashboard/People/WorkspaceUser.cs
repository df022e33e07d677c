using System.Security.Claims;
using Dashboard.Core.Incidents;

namespace Dashboard.People;

/// <summary>
/// The signed-in person as authorization sees them: id, display name, role and scope, read from the claims
/// <see cref="CityClaimsPrincipalFactory"/> issued at sign-in.
/// </summary>
public sealed record WorkspaceUser(string Id, string UserName, string DisplayName, string Role, string ScopeCode)
{
    public const string DisplayNameClaim = "display_name";

    /// <summary>The unit the role covers: street or community code, department code, or the district code.</summary>
    public const string ScopeCodeClaim = "scope_code";

    /// <summary>Null for an anonymous visitor or a principal without a known role and scope.</summary>
    public static WorkspaceUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).FirstOrDefault(CityRoles.IsKnown);
        var scope = principal.FindFirstValue(ScopeCodeClaim);
        if (id is null || role is null || string.IsNullOrEmpty(scope))
        {
            return null;
        }

        var userName = principal.Identity.Name ?? id;
        return new WorkspaceUser(id, userName, principal.FindFirstValue(DisplayNameClaim) ?? userName, role, scope);
    }

    /// <summary>How this user appears on an incident's timeline.</summary>
    public Actor ToActor() => new("user:" + UserName, DisplayName, Role);
}
