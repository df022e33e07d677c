using System.Text.Json;
using Dashboard.Core.Catalog;

namespace CityGenerator.Catalog;

/// <summary>One demo account per role and scope, so every screen can be tried with the right permissions.</summary>
internal static class DemoUsersData
{
    /// <summary>Shared by every demo account. Demo only: the app must refuse it outside the Development environment.</summary>
    public const string DemoPassword = "Demo-Chancheng-2026!";

    private static readonly (string Code, string Slug, string Name)[] Streets =
    [
        ("440604010", "shiwan", "石湾镇街道"),
        ("440604011", "zhangcha", "张槎街道"),
        ("440604012", "zumiao", "祖庙街道"),
        ("440604100", "nanzhuang", "南庄镇"),
    ];

    // Community codes as in assets/city/communities.geojson (the first four are real 2017 codes, DOMAIN.md §4), plus one village.
    private static readonly (string Code, string Slug, string Name)[] Communities =
    [
        ("440604010001", "lanshi", "澜石社区"),
        ("440604011001", "chunyang", "纯阳社区"),
        ("440604012001", "chaoandong", "朝安东社区"),
        ("440604100001", "nanzhuang", "南庄社区"),
        ("440604100206", "zinan", "紫南村"),
    ];

    public static string Json(IEnumerable<Department> departments)
    {
        var users = new List<DemoUser>
        {
            new("operator", "区指挥中心值班员", "districtOperator", Districts.Chancheng),
            new("admin", "系统管理员", "administrator", Districts.Chancheng),
        };
        users.AddRange(Streets.Select(s => new DemoUser($"director.{s.Slug}", $"{s.Name}主任", "streetDirector", s.Code)));
        users.AddRange(Communities.Select(c => new DemoUser($"worker.{c.Slug}", $"{c.Name}网格员", "communityWorker", c.Code)));
        users.AddRange(departments
            .Where(d => d.Kind == DepartmentKind.Department)
            .Select(d => new DemoUser($"liaison.{d.Code.ToLowerInvariant()}", $"{d.Name}联络员", "departmentLiaison", d.Code)));
        var document = new DemoUsersDocument(
            1,
            "Demo accounts only. Every account uses demoPassword; never enable them outside a demo or development environment.",
            DemoPassword,
            users);
        return JsonSerializer.Serialize(document, CatalogWriter.JsonOptions);
    }

    private sealed record DemoUsersDocument(int Version, string Notice, string DemoPassword, IReadOnlyList<DemoUser> Users);

    private sealed record DemoUser(string Username, string DisplayName, string Role, string ScopeCode);
}
