using System.Diagnostics.CodeAnalysis;
using Dashboard.Core.Catalog;
using Dashboard.Core.Live;
using Dashboard.People;

namespace Dashboard.Reports;

/// <summary>
/// The area a report covers (报表范围): the district (<c>district:440604</c>), one street (<c>street:440604010</c>) or
/// one community (<c>community:440604010001</c>), written like a <see cref="LiveScope"/> so the links the daily
/// publisher posts work unchanged.
/// </summary>
public sealed record ReportScope(LiveScopeKind Kind, string Code)
{
    public bool IsDistrict => Kind == LiveScopeKind.District;

    /// <summary>The street code (a community's street for a community), or null for the district.</summary>
    public string? StreetCode => Kind switch
    {
        LiveScopeKind.Street => Code,
        LiveScopeKind.Community => Code[..9],
        _ => null,
    };

    /// <summary>True when a grid (or community) code lies inside this scope: codes nest by prefix.</summary>
    public bool Contains(string? code) => IsDistrict || (code is not null && code.StartsWith(Code, StringComparison.Ordinal));

    public static bool TryParse(string? text, [NotNullWhen(true)] out ReportScope? scope, [NotNullWhen(false)] out string? error)
    {
        scope = null;
        if (!LiveScope.TryParse(text, out var live, out error))
        {
            error = $"scope: {error}";
            return false;
        }

        if (live.Kind == LiveScopeKind.District && live.Code != Districts.Chancheng)
        {
            error = $"scope: '{text}' is not this district; reports cover district:{Districts.Chancheng} or one of its streets.";
            return false;
        }

        if (live.Kind is not (LiveScopeKind.District or LiveScopeKind.Street or LiveScopeKind.Community))
        {
            error = $"scope: '{text}' is not a report scope; reports cover district:{Districts.Chancheng}, street:<9 digits> or community:<12 digits>.";
            return false;
        }

        if (live.Kind != LiveScopeKind.District && !live.Code.StartsWith(Districts.Chancheng, StringComparison.Ordinal))
        {
            error = $"scope: '{text}' is not in this district ({Districts.Chancheng}).";
            return false;
        }

        scope = new ReportScope(live.Kind, live.Code);
        return true;
    }

    /// <summary>
    /// Who may read which report, by scope as everywhere else: the district operator and the administrator every
    /// report; a street director their street's and those of its communities; a community worker their own
    /// community's; department liaisons none (their queue is by department, not by place).
    /// </summary>
    public bool IsVisibleTo(WorkspaceUser user) => user.Role switch
    {
        CityRoles.DistrictOperator or CityRoles.Administrator => true,
        CityRoles.StreetDirector => StreetCode == user.ScopeCode,
        CityRoles.CommunityWorker => Kind == LiveScopeKind.Community && Code == user.ScopeCode,
        _ => false,
    };

    /// <summary>The report a user gets when they name no scope: their own; null for roles that read no reports.</summary>
    public static ReportScope? DefaultFor(WorkspaceUser user) => user.Role switch
    {
        CityRoles.DistrictOperator or CityRoles.Administrator => new ReportScope(LiveScopeKind.District, Districts.Chancheng),
        CityRoles.StreetDirector => new ReportScope(LiveScopeKind.Street, user.ScopeCode),
        CityRoles.CommunityWorker => new ReportScope(LiveScopeKind.Community, user.ScopeCode),
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        LiveScopeKind.District => $"district:{Code}",
        LiveScopeKind.Street => $"street:{Code}",
        _ => $"community:{Code}",
    };
}
