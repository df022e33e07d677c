using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Triangulate;

namespace CityGenerator;

/// <summary>Voronoi partitions of a polygon, and the noding that makes a hierarchy of them an exact coverage.</summary>
internal static class Tiling
{
    /// <summary>1e-6° grid: about 0.1 m, the precision the GeoJSON files are written with.</summary>
    public static readonly PrecisionModel Precision = new(1_000_000);

    private static readonly GeometryFactory F = GeoJson.Factory;

    /// <summary>A random point strictly inside <paramref name="area"/>.</summary>
    public static Coordinate RandomPointIn(Geometry area, Random rng)
    {
        var env = area.EnvelopeInternal;
        var prepared = PreparedGeometryFactory.Prepare(area);
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var c = new Coordinate(env.MinX + (rng.NextDouble() * env.Width), env.MinY + (rng.NextDouble() * env.Height));
            if (prepared.ContainsProperly(F.CreatePoint(c)))
            {
                return c;
            }
        }

        throw new InvalidOperationException("could not sample a point inside a polygon of area " + area.Area);
    }

    /// <summary>
    /// Splits <paramref name="parent"/> into <paramref name="count"/> cells: seeded points, a few Lloyd
    /// relaxations so cells look like blocks rather than shards, Voronoi cells clipped to the parent.
    /// Parts that a concave parent cuts off a cell are handed to the neighbour that touches them most, so
    /// every cell comes out as one polygon.
    /// </summary>
    public static List<Polygon> Partition(Geometry parent, int count, Random rng, int relaxations = 3)
    {
        var sites = new List<Coordinate>(count);
        for (var i = 0; i < count; i++)
        {
            sites.Add(RandomPointIn(parent, rng));
        }

        var cells = ClippedVoronoi(parent, sites);
        for (var r = 0; r < relaxations; r++)
        {
            for (var i = 0; i < count; i++)
            {
                var centroid = cells[i].Centroid;
                sites[i] = parent.Contains(centroid) ? centroid.Coordinate : cells[i].InteriorPoint.Coordinate;
            }

            cells = ClippedVoronoi(parent, sites);
        }

        return MakeSinglePart(cells);
    }

    /// <summary>Voronoi cells of <paramref name="sites"/> intersected with <paramref name="parent"/>, in site order.</summary>
    public static List<Geometry> ClippedVoronoi(Geometry parent, IReadOnlyList<Coordinate> sites)
    {
        var env = new Envelope(parent.EnvelopeInternal);
        env.ExpandBy(env.Width + env.Height);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = env };
        builder.SetSites(sites.ToList());
        var diagram = builder.GetDiagram(F);
        var bySite = new Dictionary<Coordinate, Geometry>();
        foreach (var cell in diagram.Geometries)
        {
            bySite[(Coordinate)cell.UserData] = cell;
        }

        var result = new List<Geometry>(sites.Count);
        foreach (var site in sites)
        {
            if (!bySite.TryGetValue(site, out var cell))
            {
                throw new InvalidOperationException($"Voronoi diagram lost site {site} (duplicate seed point?)");
            }

            result.Add(cell.Intersection(parent));
        }

        return result;
    }

    private static List<Polygon> MakeSinglePart(List<Geometry> cells)
    {
        for (var round = 0; round < 10; round++)
        {
            var changed = false;
            for (var i = 0; i < cells.Count; i++)
            {
                var polygons = Polygons(cells[i]);
                if (polygons.Count <= 1)
                {
                    continue;
                }

                changed = true;
                var largest = polygons.MaxBy(p => p.Area)!;
                cells[i] = largest;
                foreach (var part in polygons.Where(p => !ReferenceEquals(p, largest)))
                {
                    var halo = part.Buffer(1e-7);
                    var best = Enumerable.Range(0, cells.Count)
                        .Where(j => j != i)
                        .Select(j => (j, shared: halo.Intersection(cells[j]).Area))
                        .MaxBy(t => t.shared);
                    if (best.shared <= 0)
                    {
                        throw new InvalidOperationException($"a detached piece of cell {i} touches no other cell");
                    }

                    cells[best.j] = cells[best.j].Union(part);
                }
            }

            if (!changed)
            {
                return cells.Select(c => Polygons(c).Single()).ToList();
            }
        }

        throw new InvalidOperationException("cells stayed multi-part after 10 rounds of merging detached pieces");
    }

    public static List<Polygon> Polygons(Geometry g) =>
        Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>().Where(p => !p.IsEmpty).ToList();

    /// <summary>
    /// Turns nested floating-point partitions into one exact coverage. All cell boundaries are noded together
    /// with snap-rounding on the 1e-6° grid and polygonized into faces; each face goes to the leaf cell that
    /// holds its interior point. Leaf and ancestor polygons are then coverage unions of the same faces, so
    /// neighbours (and parents) share identical vertices and tile without gaps or overlaps.
    /// </summary>
    /// <returns>For each leaf (same order as <paramref name="leaves"/>), its faces.</returns>
    public static List<List<Polygon>> NodeIntoFaces(IReadOnlyList<Polygon> leaves)
    {
        var lines = leaves.Select(l => (Geometry)l.Boundary).ToList();
        var noded = UnaryUnionNG.Union(lines, F, Precision);
        var polygonizer = new Polygonizer();
        polygonizer.Add(noded);
        var faces = polygonizer.GetPolygons().Cast<Polygon>().ToList();

        var tree = new STRtree<int>();
        for (var i = 0; i < leaves.Count; i++)
        {
            tree.Insert(leaves[i].EnvelopeInternal, i);
        }

        var prepared = leaves.Select(l => PreparedGeometryFactory.Prepare(l)).ToArray();
        var result = leaves.Select(_ => new List<Polygon>()).ToList();
        foreach (var face in faces)
        {
            var p = face.InteriorPoint;
            var owner = tree.Query(p.EnvelopeInternal).Where(i => prepared[i].Covers(p)).DefaultIfEmpty(-1).Min();
            if (owner < 0)
            {
                // A sliver between two almost coincident floating-point edges: give it to the nearest cell.
                owner = Enumerable.Range(0, leaves.Count).MinBy(i => leaves[i].Distance(p));
                if (leaves[owner].Distance(p) > 1e-5)
                {
                    throw new InvalidOperationException($"face at {p} lies {leaves[owner].Distance(p)}° from every cell");
                }
            }

            result[owner].Add(face);
        }

        return result;
    }

    /// <summary>Union of faces that share exact edges; must come out as a single polygon.</summary>
    public static Polygon UnionFaces(IEnumerable<Polygon> faces, string what)
    {
        var collection = F.CreateMultiPolygon(faces.ToArray());
        if (collection.NumGeometries == 0)
        {
            throw new InvalidOperationException($"{what}: no faces");
        }

        var union = CoverageUnion.Union(collection);
        return union as Polygon
            ?? throw new InvalidOperationException($"{what}: coverage union gave {union.GeometryType} with {union.NumGeometries} parts");
    }

    /// <summary>Fails loudly unless <paramref name="children"/> tile <paramref name="parent"/> exactly.</summary>
    public static void AssertTiles(Geometry parent, IReadOnlyList<Polygon> children, string what)
    {
        if (!parent.IsValid)
        {
            throw new InvalidOperationException($"{what}: parent polygon is not valid");
        }

        var sum = 0.0;
        var tree = new STRtree<int>();
        for (var i = 0; i < children.Count; i++)
        {
            if (!children[i].IsValid)
            {
                throw new InvalidOperationException($"{what}: child {i} is not a valid polygon");
            }

            sum += children[i].Area;
            tree.Insert(children[i].EnvelopeInternal, i);
        }

        var union = CoverageUnion.Union(F.CreateMultiPolygon(children.ToArray()));
        var tolerance = parent.Area * 1e-9;
        if (Math.Abs(union.Area - parent.Area) > tolerance || Math.Abs(sum - parent.Area) > tolerance
            || union.SymmetricDifference(parent).Area > tolerance)
        {
            throw new InvalidOperationException(
                $"{what}: children do not tile the parent (parent {parent.Area}, union {union.Area}, sum {sum})");
        }

        for (var i = 0; i < children.Count; i++)
        {
            foreach (var j in tree.Query(children[i].EnvelopeInternal).Where(j => j > i))
            {
                var overlap = children[i].Intersection(children[j]).Area;
                if (overlap > 1e-14)
                {
                    throw new InvalidOperationException($"{what}: children {i} and {j} overlap by {overlap} deg²");
                }
            }
        }
    }
}
