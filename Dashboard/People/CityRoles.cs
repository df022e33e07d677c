namespace Dashboard.People;

/// <summary>The five roles of the workspace and what their scope code means.</summary>
public static class CityRoles
{
    /// <summary>区指挥中心值班员: the whole district; dispatches and closes anywhere.</summary>
    public const string DistrictOperator = "districtOperator";

    /// <summary>镇街主任: one street; moves that street's cases through their lifecycle.</summary>
    public const string StreetDirector = "streetDirector";

    /// <summary>村居网格员: one community; handles on the spot and verifies on site.</summary>
    public const string CommunityWorker = "communityWorker";

    /// <summary>部门联络员: one department; accepts, returns and reports back what was dispatched to it.</summary>
    public const string DepartmentLiaison = "departmentLiaison";

    /// <summary>系统管理员: manages users, roles and scopes; reads every case but acts on none.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [DistrictOperator, StreetDirector, CommunityWorker, DepartmentLiaison, Administrator];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
