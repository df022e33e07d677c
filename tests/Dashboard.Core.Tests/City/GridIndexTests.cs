using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.TestSupport;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Dashboard.Core.Tests.City;

public class GridIndexTests
{
    private static readonly CityAssets Assets = TestCity.Chancheng;

    [Fact]
    public void Lookup_agrees_with_a_linear_scan_on_100000_points_including_shared_edges_vertices_and_outside()
    {
        var grids = Assets.City.Grids;
        var prepared = grids.Select(g => PreparedGeometryFactory.Prepare(g.Boundary)).ToArray();
        var points = SamplePoints(100_000, new Random(20260601));
        var mismatches = new List<string>();
        var (inside, outside) = (0, 0);

        foreach (var p in points)
        {
            var expected = BruteForce(grids, prepared, p);
            var actual = Assets.Grids.Locate(p);
            if (!Equals(expected, actual.Grid))
            {
                mismatches.Add($"{p}: index {actual.Grid?.Code.Value ?? "outside"}, scan {expected?.Code.Value ?? "outside"}");
            }

            _ = actual.IsInsideDistrict ? inside++ : outside++;
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(20)));
        Assert.InRange(outside, 1_000, 50_000); // the sample really probes both sides
        Assert.InRange(inside, 50_000, 99_000);
    }

    [Fact]
    public void Vertex_shared_by_several_grids_goes_to_the_smallest_code()
    {
        var grids = Assets.City.Grids;
        var sharedVertex = grids
            .SelectMany(g => g.Boundary.Coordinates.Select(c => (c.X, c.Y, g.Code)))
            .GroupBy(v => (v.X, v.Y))
            .First(group => group.Select(v => v.Code).Distinct().Count() >= 3);
        var smallest = sharedVertex.Select(v => v.Code).Min();

        var location = Assets.Grids.Locate(sharedVertex.Key.X, sharedVertex.Key.Y);

        Assert.Equal(smallest, location.Grid?.Code);
    }

    [Fact]
    public void Location_carries_the_grid_community_and_street()
    {
        var grid = Assets.City.GridsOf(TestCity.Lanshi)[0];
        var inside = grid.Boundary.InteriorPoint;

        var location = Assets.Grids.Locate(inside.X, inside.Y);

        Assert.True(location.IsInsideDistrict);
        Assert.Same(grid, location.Grid);
        Assert.Equal("澜石社区", location.Community.Name);
        Assert.Equal("石湾镇街道", location.Street.Name);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(113.02, 23.02)] // just west of the district
    [InlineData(113.12, 23.10)] // north of it
    [InlineData(double.NaN, 23.02)]
    [InlineData(113.1, double.PositiveInfinity)]
    public void Point_outside_the_district_is_reported_as_outside(double lon, double lat)
    {
        var location = Assets.Grids.Locate(lon, lat);

        Assert.False(location.IsInsideDistrict);
        Assert.Equal(GridLocation.OutsideDistrict, location);
        Assert.Null(location.Grid);
    }

    [Fact]
    public void Point_on_the_district_outline_is_inside()
    {
        var vertex = Assets.City.District.Boundary.Coordinates[0];

        Assert.True(Assets.Grids.Locate(vertex.X, vertex.Y).IsInsideDistrict);
    }

    private static GridCell? BruteForce(IReadOnlyList<GridCell> grids, IPreparedGeometry[] prepared, GeoPoint p)
    {
        var point = GeoJson.Factory.CreatePoint(new Coordinate(p.Longitude, p.Latitude));
        for (var i = 0; i < grids.Count; i++) // grids are in code order: the first cover is the smallest code
        {
            if (prepared[i].Covers(point))
            {
                return grids[i];
            }
        }

        return null;
    }

    /// <summary>
    /// 60 % uniform over the district's box widened by 10 % (so some fall outside), 20 % exactly on grid
    /// vertices (shared by 2–3 grids, or on the district outline), 20 % on edges (interpolated, so on or
    /// within rounding of a shared edge).
    /// </summary>
    private static List<GeoPoint> SamplePoints(int count, Random rng)
    {
        var env = new Envelope(Assets.City.District.Boundary.EnvelopeInternal);
        env.ExpandBy(env.Width * 0.1, env.Height * 0.1);
        var rings = Assets.City.Grids.Select(g => ((Polygon)g.Boundary).Shell.Coordinates).ToArray();
        var points = new List<GeoPoint>(count);
        for (var i = 0; i < count; i++)
        {
            var ring = rings[rng.Next(rings.Length)];
            var k = rng.Next(ring.Length - 1);
            switch (i % 5)
            {
                case 0:
                    points.Add(new GeoPoint(ring[k].X, ring[k].Y));
                    break;
                case 1:
                    var t = rng.Next(4) == 0 ? 0.5 : rng.NextDouble();
                    points.Add(new GeoPoint(
                        ring[k].X + (t * (ring[k + 1].X - ring[k].X)),
                        ring[k].Y + (t * (ring[k + 1].Y - ring[k].Y))));
                    break;
                default:
                    points.Add(new GeoPoint(env.MinX + (rng.NextDouble() * env.Width), env.MinY + (rng.NextDouble() * env.Height)));
                    break;
            }
        }

        return points;
    }
}
