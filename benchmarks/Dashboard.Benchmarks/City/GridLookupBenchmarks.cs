using BenchmarkDotNet.Attributes;
using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.TestSupport;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Dashboard.Benchmarks.City;

/// <summary>
/// Point → grid lookups on the 478-grid demo city: the GridIndex against a linear scan of prepared
/// polygons (the obvious implementation). Each invocation locates the same 10,000 seeded points, a mix of
/// points inside, outside and on grid vertices; divide by 10,000 for one lookup.
/// Target: ≥ 1,000,000 lookups/s per core for GridIndex.
/// </summary>
[MemoryDiagnoser]
public class GridLookupBenchmarks
{
    public const int PointsPerInvocation = 10_000;

    private GridIndex _index = null!;
    private GeoPoint[] _points = null!;
    private IPreparedGeometry[] _prepared = null!;
    private Point[] _ntsPoints = null!;

    [GlobalSetup]
    public void Setup()
    {
        var assets = TestCity.Chancheng;
        _index = assets.Grids;
        _prepared = assets.City.Grids.Select(g => PreparedGeometryFactory.Prepare(g.Boundary)).ToArray();

        var rng = new Random(42);
        var env = new Envelope(assets.City.District.Boundary.EnvelopeInternal);
        env.ExpandBy(env.Width * 0.05);
        var vertices = assets.City.Grids.SelectMany(g => g.Boundary.Coordinates).ToArray();
        _points = Enumerable.Range(0, PointsPerInvocation)
            .Select(i => i % 10 == 0
                ? Vertex(vertices[rng.Next(vertices.Length)])
                : new GeoPoint(env.MinX + (rng.NextDouble() * env.Width), env.MinY + (rng.NextDouble() * env.Height)))
            .ToArray();
        _ntsPoints = _points.Select(p => GeoJson.Factory.CreatePoint(new Coordinate(p.Longitude, p.Latitude))).ToArray();
    }

    private static GeoPoint Vertex(Coordinate c) => new(c.X, c.Y);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointsPerInvocation, Description = "linear scan, prepared Covers")]
    public int LinearScan()
    {
        var found = 0;
        foreach (var point in _ntsPoints)
        {
            for (var i = 0; i < _prepared.Length; i++)
            {
                if (_prepared[i].Covers(point))
                {
                    found += i;
                    break;
                }
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = PointsPerInvocation, Description = "GridIndex.Locate")]
    public int GridIndexLocate()
    {
        var found = 0;
        foreach (var p in _points)
        {
            if (_index.Locate(p).IsInsideDistrict)
            {
                found++;
            }
        }

        return found;
    }
}
