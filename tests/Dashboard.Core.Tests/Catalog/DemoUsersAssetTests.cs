using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.TestSupport;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Catalog;

public class DemoUsersAssetTests
{
    private static readonly (string Username, string Role, string Scope)[] Users = Load();

    private static (string, string, string)[] Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Assets, "users", "demo-users.json")));
        return [.. document.RootElement.GetProperty("users").EnumerateArray()
            .Select(u => (u.GetProperty("username").GetString()!, u.GetProperty("role").GetString()!, u.GetProperty("scopeCode").GetString()!))];
    }

    [Fact]
    public void Every_department_has_a_liaison_scoped_to_it()
    {
        var liaisonScopes = Users.Where(u => u.Role == "departmentLiaison").Select(u => u.Scope).Order();
        Assert.Equal(TheCatalog.Departments.Where(d => d.Kind == DepartmentKind.Department).Select(d => d.Code).Order(), liaisonScopes);
    }

    [Fact]
    public void Every_street_has_a_director_and_the_district_has_an_operator_and_an_administrator()
    {
        var streets = TheCatalog.Departments.Where(d => d.Kind == DepartmentKind.StreetCenter).Select(d => d.StreetCode!).Order();
        Assert.Equal(streets, Users.Where(u => u.Role == "streetDirector").Select(u => u.Scope).Order());
        Assert.Contains(Users, u => u.Role == "districtOperator" && u.Scope == Districts.Chancheng);
        Assert.Contains(Users, u => u.Role == "administrator");
    }

    [Fact]
    public void Community_workers_are_scoped_to_a_community_of_their_street()
    {
        var workers = Users.Where(u => u.Role == "communityWorker").ToList();
        Assert.True(workers.Count >= 3);
        Assert.All(workers, w => Assert.Matches("^440604(010|011|012|100)[0-9]{3}$", w.Scope));
        Assert.Equal(Users.Length, Users.Select(u => u.Username).Distinct().Count());
    }
}
