using Dashboard.Core.City;
using Dashboard.Core.Triage;
using Dashboard.TestSupport;
using NetTopologySuite.Geometries;

namespace Dashboard.Core.Tests.Triage;

public class TriageRulesTests
{
    private static readonly TriageOptions Options = new() { BoundaryDistanceMetres = 60 };

    private static TriageRules Rules => new(TestCity.Chancheng, TestAssets.TheCatalog, Options);

    /// <summary>A case placed where the city's grid index puts it, with a single-owner item (上水井盖, SW).</summary>
    internal static TriageCase CaseAt(double lon, double lat, string item = "CP-01-01", int returns = 0, string? requestedBy = null)
    {
        var at = TestCity.Chancheng.Grids.Locate(lon, lat);
        Assert.True(at.IsInsideDistrict, $"{lon},{lat} should lie in the district");
        return new TriageCase("SJ202611230001", item, lon, lat, at.Street.Code.Value, at.Community.Code.Value, at.Grid.Code.Value, returns, false, requestedBy);
    }

    /// <summary>A vertex Shiwan shares with Zumiao: a point on the street boundary itself.</summary>
    internal static Coordinate OnShiwanZumiaoBoundary()
    {
        var shiwan = TestCity.Chancheng.City.GetStreet(TestCity.Shiwan).Boundary;
        var zumiao = TestCity.Chancheng.City.GetStreet(TestCity.Zumiao).Boundary;
        return shiwan.Coordinates.First(c => zumiao.Boundary.Distance(new Point(c)) < 1e-7 && TestCity.Chancheng.Grids.Locate(c.X, c.Y).IsInsideDistrict);
    }

    /// <summary>The centre of the Shiwan grid farthest from any other street.</summary>
    internal static Coordinate DeepInsideShiwan()
    {
        var outline = TestCity.Chancheng.City.GetStreet(TestCity.Shiwan).Boundary.Boundary;
        return TestCity.Chancheng.City.GridsOf(TestCity.Shiwan)
            .Select(g => g.Boundary.InteriorPoint.Coordinate)
            .MaxBy(c => outline.Distance(new Point(c)))!;
    }

    [Fact]
    public void A_case_on_a_street_boundary_is_flagged_with_both_streets_and_the_distance()
    {
        var point = OnShiwanZumiaoBoundary();

        var flags = Rules.Evaluate(CaseAt(point.X, point.Y));

        var flag = Assert.Single(flags, f => f.Kind == TriageFlagKind.NearStreetBoundary);
        Assert.Contains(TestCity.Zumiao.Value, flag.Subjects);
        Assert.Contains(TestCity.Shiwan.Value, flag.Subjects);
        Assert.True(flag.DistanceMetres <= Options.BoundaryDistanceMetres);
        Assert.Contains("boundary", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_deep_inside_one_street_with_a_single_owner_item_raises_no_flag()
    {
        var point = DeepInsideShiwan();

        var flags = Rules.Evaluate(CaseAt(point.X, point.Y));

        Assert.DoesNotContain(flags, f => f.Kind is TriageFlagKind.NearStreetBoundary or TriageFlagKind.InsideEnclave or TriageFlagKind.SeveralDepartments);
    }

    [Fact]
    public void The_boundary_distance_is_configurable()
    {
        var point = OnShiwanZumiaoBoundary();
        var shiftedNorthMetres = 150;
        var lat = point.Y + Dashboard.Core.Geo.GeoMath.MetresToLatitudeDegrees(shiftedNorthMetres);
        var candidate = CaseAt(point.X, lat);

        var tight = new TriageRules(TestCity.Chancheng, TestAssets.TheCatalog, new TriageOptions { BoundaryDistanceMetres = 1 }).Evaluate(candidate);
        var wide = new TriageRules(TestCity.Chancheng, TestAssets.TheCatalog, new TriageOptions { BoundaryDistanceMetres = 400 }).Evaluate(candidate);

        Assert.DoesNotContain(tight, f => f.Kind == TriageFlagKind.NearStreetBoundary);
        Assert.Contains(wide, f => f.Kind == TriageFlagKind.NearStreetBoundary);
    }

    [Fact]
    public void A_case_inside_an_enclave_is_flagged_with_the_enclave_and_its_claimants()
    {
        var enclave = TestCity.Chancheng.Enclaves[0];
        var inside = enclave.Boundary.InteriorPoint;

        var flags = Rules.Evaluate(CaseAt(inside.X, inside.Y));

        var flag = Assert.Single(flags, f => f.Kind == TriageFlagKind.InsideEnclave);
        Assert.Equal(enclave.Id, flag.Subjects[0]);
        Assert.Equal(enclave.CandidateStreetCodes.Select(s => s.Value), flag.Subjects.Skip(1));
    }

    [Fact]
    public void An_item_the_catalog_gives_to_several_departments_is_flagged_with_them()
    {
        var point = DeepInsideShiwan();

        var flags = Rules.Evaluate(CaseAt(point.X, point.Y, item: "CP-01-13"));

        var flag = Assert.Single(flags, f => f.Kind == TriageFlagKind.SeveralDepartments);
        Assert.Equal(["CGZF", "SW", "ZJ", "JT"], flag.Subjects);
    }

    [Fact]
    public void A_case_returned_twice_and_a_directors_request_are_flagged()
    {
        var point = DeepInsideShiwan();

        var once = Rules.Evaluate(CaseAt(point.X, point.Y, returns: 1));
        var twice = Rules.Evaluate(CaseAt(point.X, point.Y, returns: 2, requestedBy: "石湾镇街道主任"));

        Assert.DoesNotContain(once, f => f.Kind == TriageFlagKind.ReturnedTwice);
        Assert.Contains(twice, f => f.Kind == TriageFlagKind.ReturnedTwice);
        Assert.Equal(["石湾镇街道主任"], Assert.Single(twice, f => f.Kind == TriageFlagKind.DirectorRequest).Subjects);
    }
}
