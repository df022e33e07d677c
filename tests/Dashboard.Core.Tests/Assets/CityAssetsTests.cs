using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.TestSupport;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.OverlayNG;

namespace Dashboard.Core.Tests.Assets;

public class CityAssetsTests
{
    private static readonly CityMap City = TestCity.Chancheng.City;

    [Fact]
    public void The_city_has_478_grids_in_40_communities_of_the_four_real_streets()
    {
        Assert.Equal(478, City.Grids.Count);
        Assert.Equal(40, City.Communities.Count);
        Assert.Equal(
            ["440604010 石湾镇街道", "440604011 张槎街道", "440604012 祖庙街道", "440604100 南庄镇"],
            City.Streets.Select(s => $"{s.Code} {s.Name}"));
        Assert.Equal(StreetKind.Town, City.GetStreet(TestCity.Nanzhuang).Kind);
    }

    [Fact]
    public void Streets_lie_where_the_real_ones_do()
    {
        var centre = City.Streets.ToDictionary(s => s.Code, s => s.Boundary.Centroid);
        var (shiwan, zhangcha, zumiao, nanzhuang) =
            (centre[TestCity.Shiwan], centre[TestCity.Zhangcha], centre[TestCity.Zumiao], centre[TestCity.Nanzhuang]);

        Assert.True(zhangcha.X < zumiao.X && zhangcha.Y > nanzhuang.Y, "张槎 is north-west");
        Assert.True(shiwan.Y < zumiao.Y && shiwan.X > nanzhuang.X, "石湾 is south-east");
        Assert.True(nanzhuang.X < shiwan.X && nanzhuang.Y < zhangcha.Y, "南庄 is west/south-west");
        Assert.True(zumiao.Y > shiwan.Y && zumiao.X > zhangcha.X, "祖庙 is north-centre/east");
    }

    [Theory]
    [InlineData("440604010001", "澜石社区")]
    [InlineData("440604011001", "纯阳社区")]
    [InlineData("440604012001", "朝安东社区")]
    [InlineData("440604100001", "南庄社区")]
    public void Real_example_communities_keep_their_real_codes(string code, string name)
    {
        Assert.Equal(name, City.GetCommunity(CommunityCode.Parse(code)).Name);
    }

    [Fact]
    public void District_approximates_Chancheng_and_contains_the_demo_box()
    {
        var district = City.District.Boundary;
        var km2 = GeoMath.AreaSquareMetres(district) / 1e6;

        Assert.InRange(km2, 154 * 0.9, 154 * 1.1);
        Assert.True(district.Covers(GeoJson.Factory.ToGeometry(new Envelope(113.05, 113.14, 22.99, 23.06))));
        Assert.True(new Envelope(113.03, 113.16, 22.96, 23.08).Covers(district.EnvelopeInternal));
    }

    [Fact]
    public void Streets_tile_the_district()
    {
        AssertTiles(City.District.Boundary, City.Streets.Select(s => s.Boundary).ToList());
    }

    [Fact]
    public void Communities_tile_their_street()
    {
        foreach (var street in City.Streets)
        {
            AssertTiles(street.Boundary, City.CommunitiesOf(street.Code).Select(c => c.Boundary).ToList());
        }
    }

    [Fact]
    public void Grids_tile_their_community()
    {
        foreach (var community in City.Communities)
        {
            AssertTiles(community.Boundary, City.GridsOf(community.Code).Select(g => g.Boundary).ToList());
        }
    }

    [Fact]
    public void Neighbouring_grids_share_identical_vertices()
    {
        // Every vertex of a grid that lies on a neighbour's boundary is also a vertex of that neighbour:
        // no T-junctions, so tie-breaks on shared edges are well defined.
        var grids = City.Grids;
        var vertices = grids.Select(g => g.Boundary.Coordinates.Select(c => (c.X, c.Y)).ToHashSet()).ToArray();
        for (var i = 0; i < grids.Count; i++)
        {
            for (var j = i + 1; j < grids.Count; j++)
            {
                if (!grids[i].Boundary.EnvelopeInternal.Intersects(grids[j].Boundary.EnvelopeInternal))
                {
                    continue;
                }

                var onNeighbour = grids[i].Boundary.Coordinates
                    .Where(c => grids[j].Boundary.Boundary.Distance(GeoJson.Factory.CreatePoint(c)) < 1e-9)
                    .Where(c => !vertices[j].Contains((c.X, c.Y)))
                    .ToList();
                Assert.True(onNeighbour.Count == 0, $"{grids[i].Code} has vertices {string.Join(", ", onNeighbour)} on {grids[j].Code}'s edge that {grids[j].Code} lacks");
            }
        }
    }

    [Fact]
    public void Codes_follow_the_hierarchy_and_grids_are_numbered_from_one()
    {
        foreach (var community in City.Communities)
        {
            Assert.Equal(community.Kind == CommunityKind.Village, community.Code.IsVillage);
            Assert.StartsWith(community.StreetCode.Value, community.Code.Value, StringComparison.Ordinal);
            var grids = City.GridsOf(community.Code);
            Assert.Equal(Enumerable.Range(1, grids.Count), grids.Select(g => g.Code.Sequence));
            Assert.All(grids, g => Assert.StartsWith(community.Name + "第", g.Name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Grids_are_numbered_north_before_south()
    {
        // West→east within rows taken north→south: the first grid of a community lies in its northern half.
        foreach (var community in City.Communities)
        {
            var env = community.Boundary.EnvelopeInternal;
            var first = City.GridsOf(community.Code)[0];
            Assert.True(first.Boundary.Centroid.Y > env.Centre.Y, $"{first.Code} is grid 001 but lies in the south of {community.Name}");
        }
    }

    [Fact]
    public void Urban_grids_hold_300_to_500_households()
    {
        var urban = City.Grids.Where(g => !g.CommunityCode.IsVillage).ToList();

        Assert.NotEmpty(urban);
        Assert.All(urban, g => Assert.InRange(g.Households, 300, 500));
        Assert.All(City.Grids, g => Assert.True(g.Population > g.Households));
    }

    [Fact]
    public void Every_device_sits_inside_the_grid_it_names()
    {
        var prepared = City.Grids.ToDictionary(g => g.Code, g => PreparedGeometryFactory.Prepare(g.Boundary));
        var devices = TestCity.Chancheng.Devices;
        var all = devices.Cameras.Select(c => (c.Id, c.Location, c.GridCode))
            .Concat(devices.Sensors.Select(s => (s.Id, s.Location, s.GridCode)))
            .Concat(devices.GuardPosts.Select(p => (p.Id, p.Location, p.GridCode)))
            .ToList();

        Assert.InRange(devices.Cameras.Count, 500, 700);
        Assert.InRange(devices.Sensors.Count, 1300, 1700);
        Assert.InRange(devices.GuardPosts.Count, 50, 70);
        foreach (var (id, location, gridCode) in all)
        {
            var point = GeoJson.Factory.CreatePoint(new Coordinate(location.Longitude, location.Latitude));
            Assert.True(prepared[gridCode].ContainsProperly(point), $"{id} at {location} is not inside {gridCode}");
            Assert.Equal(gridCode, TestCity.Chancheng.Grids.Locate(location).Grid?.Code);
        }
    }

    [Fact]
    public void Sensors_carry_the_heartbeat_and_thresholds_of_their_kind()
    {
        var byKind = TestCity.Chancheng.Devices.Sensors.GroupBy(s => s.Kind).ToList();

        Assert.Equal(Enum.GetValues<Dashboard.Core.Registry.SensorKind>().Length, byKind.Count);
        foreach (var kind in byKind)
        {
            Assert.Single(kind.Select(s => s.HeartbeatInterval).Distinct());
            Assert.Single(kind.Select(s => string.Join(";", s.Thresholds.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"))).Distinct());
        }
    }

    [Fact]
    public void Enclaves_straddle_the_streets_they_name()
    {
        var enclaves = TestCity.Chancheng.Enclaves;

        Assert.InRange(enclaves.Count, 2, 10);
        foreach (var enclave in enclaves)
        {
            Assert.All(enclave.CandidateStreetCodes, code => Assert.True(
                City.GetStreet(code).Boundary.Intersection(enclave.Boundary).Area > 0,
                $"{enclave.Id} does not reach into {code}"));
        }
    }

    [Fact]
    public void Device_naming_a_grid_that_does_not_exist_fails_the_load_naming_file_and_device()
    {
        var copy = Directory.CreateTempSubdirectory("city-assets-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.Assets, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy.FullName, Path.GetRelativePath(TestPaths.Assets, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var cameras = Path.Combine(copy.FullName, CityAssets.CamerasFile);
            var text = File.ReadAllText(cameras);
            var firstGrid = text[(text.IndexOf("\"gridCode\":\"", StringComparison.Ordinal) + 12)..][..15];
            File.WriteAllText(cameras, text.Replace(firstGrid, "440604010001999", StringComparison.Ordinal));

            var ex = Assert.Throws<InvalidDataException>(() => CityAssets.Load(copy.FullName));

            Assert.Contains("registry/cameras.json", ex.Message, StringComparison.Ordinal);
            Assert.Contains("CAM-440604-0001", ex.Message, StringComparison.Ordinal);
            Assert.Contains("440604010001999", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void AssertTiles(Geometry parent, List<Geometry> children)
    {
        var sum = children.Sum(c => c.Area);
        var union = CoverageUnion.Union(GeoJson.Factory.BuildGeometry(children));

        Assert.Equal(parent.Area, sum, parent.Area * 1e-9);
        Assert.True(union.SymmetricDifference(parent).Area < parent.Area * 1e-9, "children leave a gap or stick out of the parent");
        for (var i = 0; i < children.Count; i++)
        {
            Assert.True(children[i].IsValid);
            for (var j = i + 1; j < children.Count; j++)
            {
                if (children[i].EnvelopeInternal.Intersects(children[j].EnvelopeInternal))
                {
                    Assert.True(children[i].Intersection(children[j]).Area < 1e-14, $"children {i} and {j} overlap");
                }
            }
        }
    }
}
