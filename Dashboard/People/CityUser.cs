using Microsoft.AspNetCore.Identity;

namespace Dashboard.People;

/// <summary>
/// A person who signs in to the workspace: one role (<see cref="CityRoles"/>) and the one unit that role covers
/// (a street, a community, a department code, or the district).
/// </summary>
public sealed class CityUser : IdentityUser
{
    /// <summary>The name shown in the header and written to every timeline entry the user causes.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Street (9 digits), community (12 digits), department code, or the district code.</summary>
    public string ScopeCode { get; set; } = string.Empty;
}
