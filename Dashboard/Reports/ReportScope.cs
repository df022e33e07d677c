using System.Diagnostics.CodeAnalysis;
using Dashboard.Core.Catalog;
using Dashboard.Core.Live;
using Dashboard.People;

namespace Dashboard.Reports;

/// <summary>
/// The area a report covers (报表范围): the district (<c>district:440604</c>) or one street (<c>street:440604010</c>),
/// written like a <see cref="LiveScope"/> so the links the daily publisher posts work unchanged.
/// </summary>
public sealed record ReportScope(LiveScopeKind Kind, string Code)
{
    public bool IsDistrict => Kind == LiveScopeKind.District;

    /// <summary>The street code, or null for the district.</summary>
    public string? StreetCode => IsDistrict ? null : Code;

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

        if (live.Kind is not (LiveScopeKind.District or LiveScopeKind.Street))
        {
            error = $"scope: '{text}' is not a report scope; reports cover district:{Districts.Chancheng} or street:<9 digits>.";
            return false;
        }

        scope = new ReportScope(live.Kind, live.Code);
        return true;
    }

    /// <summary>
    /// Who may read which report: the district operator and the administrator every report; a street director their
    /// own street's; nobody else any (community workers and department liaisons have their own queues, not reports).
    /// </summary>
    public bool IsVisibleTo(WorkspaceUser user) => user.Role switch
    {
        CityRoles.DistrictOperator or CityRoles.Administrator => true,
        CityRoles.StreetDirector => Kind == LiveScopeKind.Street && Code == user.ScopeCode,
        _ => false,
    };

    /// <summary>The report a user gets when they name no scope: their own; null for roles that read no reports.</summary>
    public static ReportScope? DefaultFor(WorkspaceUser user) => user.Role switch
    {
        CityRoles.DistrictOperator or CityRoles.Administrator => new ReportScope(LiveScopeKind.District, Districts.Chancheng),
        CityRoles.StreetDirector => new ReportScope(LiveScopeKind.Street, user.ScopeCode),
        _ => null,
    };

    public override string ToString() => IsDistrict ? $"district:{Code}" : $"street:{Code}";
}
