using System.Security.Claims;
using Dashboard.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.People;

/// <summary>
/// Adds the user's display name, scope code and live scope to the sign-in cookie, so every request and the live
/// hub can authorize without a database round trip. The live scope claim is what <see cref="DemoLiveScopeAuthorizer"/>
/// reads: <c>district:440604</c> for district-wide roles, <c>street:…</c>, <c>community:…</c>; a department
/// liaison gets none, because areas are not what a department may follow.
/// </summary>
public sealed class CityClaimsPrincipalFactory(
    UserManager<CityUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CityUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CityUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(WorkspaceUser.DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(WorkspaceUser.ScopeCodeClaim, user.ScopeCode));
        var role = identity.FindAll(ClaimTypes.Role).Select(c => c.Value).FirstOrDefault(CityRoles.IsKnown);
        if (LiveScopeFor(role, user.ScopeCode) is { } scope)
        {
            identity.AddClaim(new Claim(DemoLiveScopeAuthorizer.ScopeClaimType, scope));
        }

        return identity;
    }

    /// <summary>The live scope a role with this scope code may follow, in the hub's text form; null for none.</summary>
    public static string? LiveScopeFor(string? role, string scopeCode) => role switch
    {
        CityRoles.DistrictOperator or CityRoles.Administrator => "district:" + scopeCode,
        CityRoles.StreetDirector => "street:" + scopeCode,
        CityRoles.CommunityWorker => "community:" + scopeCode,
        _ => null,
    };
}
