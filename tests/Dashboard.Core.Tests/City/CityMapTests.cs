using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.TestSupport;
using NetTopologySuite.Geometries;

namespace Dashboard.Core.Tests.City;

public class CityMapTests
{
    private static readonly Geometry Square = GeoJson.Factory.ToGeometry(new Envelope(113.0, 113.1, 23.0, 23.1));

    [Fact]
    public void Children_are_listed_by_code_under_their_parents()
    {
        var city = TestCity.Chancheng.City;

        var communities = city.CommunitiesOf(TestCity.Shiwan);
        var grids = city.GridsOf(TestCity.Lanshi);

        Assert.All(communities, c => Assert.Equal(TestCity.Shiwan, c.StreetCode));
        Assert.Equal(communities.OrderBy(c => c.Code).Select(c => c.Code), communities.Select(c => c.Code));
        Assert.Equal("澜石社区", city.GetCommunity(TestCity.Lanshi).Name);
        Assert.Equal(Enumerable.Range(1, grids.Count), grids.Select(g => g.Code.Sequence));
        Assert.Equal(city.Grids.Count, city.Streets.Sum(s => city.GridsOf(s.Code).Count));
    }

    [Fact]
    public void Unknown_code_lookup_names_the_code()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => TestCity.Chancheng.City.GetGrid(GridCode.Parse("440604010001999")));

        Assert.Contains("440604010001999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_whose_community_is_missing_is_refused()
    {
        var district = new District("440604", "禅城区", "Chancheng", Square);
        var street = new Street(StreetCode.Parse("440604010"), "石湾镇街道", "Shiwan", StreetKind.Street, Square);
        var orphan = new GridCell(GridCode.Parse("440604010002001"), "x", "x", 300, 900, Square);

        var ex = Assert.Throws<ArgumentException>(() => new CityMap(district, [street], [], [orphan]));

        Assert.Contains("440604010002", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_grid_code_is_refused()
    {
        var district = new District("440604", "禅城区", "Chancheng", Square);
        var street = new Street(StreetCode.Parse("440604010"), "石湾镇街道", "Shiwan", StreetKind.Street, Square);
        var community = new Community(CommunityCode.Parse("440604010001"), "澜石社区", "Lanshi", CommunityKind.Community, Square);
        var grid = new GridCell(GridCode.Parse("440604010001001"), "x", "x", 300, 900, Square);

        var ex = Assert.Throws<ArgumentException>(() => new CityMap(district, [street], [community], [grid, grid]));

        Assert.Contains("appears more than once", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Community_kind_must_match_its_code_range()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new Community(CommunityCode.Parse("440604010201"), "深村村", "Shencun", CommunityKind.Community, Square));

        Assert.Contains("200–399 village", ex.Message, StringComparison.Ordinal);
    }
}
