using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityGenerator;

internal sealed record GeneratedStreet(StreetPlan Plan, Polygon Boundary);

internal sealed record GeneratedCommunity(
    string Code, string StreetCode, CommunityName Name, Polygon Boundary);

internal sealed record GeneratedGrid(
    string Code, string CommunityCode, string StreetCode, string Name, string NameEn, int Households, int Population,
    Polygon Boundary);

internal sealed record GeneratedCity(
    Polygon District, IReadOnlyList<GeneratedStreet> Streets, IReadOnlyList<GeneratedCommunity> Communities,
    IReadOnlyList<GeneratedGrid> Grids);

/// <summary>Builds the district → street → community → grid hierarchy as one exact coverage.</summary>
internal static class CityBuilder
{
    /// <summary>Real district is ~154 km²; the outline must land within ±10 %.</summary>
    public const double TargetAreaKm2 = 154;

    /// <summary>Box the outline must contain: where the demo's feeds and tests put most of their points.</summary>
    public static readonly Envelope RequiredBox = new(113.05, 113.14, 22.99, 23.06);

    /// <summary>Extent the outline must stay inside (the real district's extent).</summary>
    public static readonly Envelope OuterExtent = new(113.03, 113.16, 22.96, 23.08);

    private static readonly GeometryFactory F = GeoJson.Factory;

    public static GeneratedCity Build(Random rng)
    {
        var district = DistrictOutline(rng);
        var streetShapes = StreetShapes(district, rng);

        // Float partitions, tier by tier; exactness comes afterwards from noding all of them together.
        var communityShapes = new List<(int Street, CommunityName Name, Polygon Shape)>();
        for (var s = 0; s < CityLayout.Streets.Length; s++)
        {
            var plan = CityLayout.Streets[s];
            var cells = Tiling.Partition(streetShapes[s], plan.Communities.Count, rng);
            var ordered = cells
                .OrderBy(c => GeoMath.DistanceMetres(c.Centroid.X, c.Centroid.Y, CityLayout.UrbanCoreLon, CityLayout.UrbanCoreLat))
                .ToList();

            // Urban 社区 take the cells nearest the old city core, villages the outer ones.
            for (var k = 0; k < ordered.Count; k++)
            {
                communityShapes.Add((s, plan.Communities[k], ordered[k]));
            }
        }

        var gridCounts = AllocateGrids(communityShapes.Select(c => c.Shape.Area * (c.Name.Kind == "community" ? 1.6 : 1.0)).ToList());
        var gridShapes = new List<(int Community, Polygon Shape)>();
        for (var c = 0; c < communityShapes.Count; c++)
        {
            foreach (var cell in Tiling.Partition(communityShapes[c].Shape, gridCounts[c], rng))
            {
                gridShapes.Add((c, cell));
            }
        }

        var faces = Tiling.NodeIntoFaces(gridShapes.Select(g => g.Shape).ToList());
        var gridPolygons = faces.Select((f, i) => Tiling.UnionFaces(f, $"grid #{i}")).ToList();
        var communityPolygons = Enumerable.Range(0, communityShapes.Count)
            .Select(c => Tiling.UnionFaces(gridShapes.Select((g, i) => (g, i)).Where(t => t.g.Community == c).SelectMany(t => faces[t.i]), $"community {communityShapes[c].Name.Name}"))
            .ToList();
        var streetPolygons = Enumerable.Range(0, CityLayout.Streets.Length)
            .Select(s => Tiling.UnionFaces(gridShapes.Select((g, i) => (g, i)).Where(t => communityShapes[t.g.Community].Street == s).SelectMany(t => faces[t.i]), $"street {CityLayout.Streets[s].Name}"))
            .ToList();
        var districtPolygon = Tiling.UnionFaces(faces.SelectMany(f => f), "district");

        CheckDistrict(districtPolygon);
        Tiling.AssertTiles(districtPolygon, streetPolygons, "district by streets");

        var streets = new List<GeneratedStreet>();
        var communities = new List<GeneratedCommunity>();
        var grids = new List<GeneratedGrid>();
        for (var s = 0; s < CityLayout.Streets.Length; s++)
        {
            var plan = CityLayout.Streets[s];
            streets.Add(new GeneratedStreet(plan, streetPolygons[s]));
            var members = Enumerable.Range(0, communityShapes.Count).Where(c => communityShapes[c].Street == s).ToList();
            Tiling.AssertTiles(streetPolygons[s], members.Select(c => communityPolygons[c]).ToList(), plan.Name);

            var (urbanSeq, villageSeq) = (1, 201);
            foreach (var c in ReadingOrder(members, c => communityPolygons[c], streetPolygons[s], keepFirst: true))
            {
                var name = communityShapes[c].Name;
                var seq = name.Kind == "community" ? urbanSeq++ : villageSeq++;
                var code = $"{plan.Code}{seq:000}";
                communities.Add(new GeneratedCommunity(code, plan.Code, name, communityPolygons[c]));

                var cells = Enumerable.Range(0, gridShapes.Count).Where(g => gridShapes[g].Community == c).ToList();
                Tiling.AssertTiles(communityPolygons[c], cells.Select(g => gridPolygons[g]).ToList(), name.Name);
                var gridSeq = 1;
                foreach (var g in ReadingOrder(cells, g => gridPolygons[g], communityPolygons[c], keepFirst: false))
                {
                    var (households, population) = Residents(name.Kind, rng);
                    grids.Add(new GeneratedGrid(
                        $"{code}{gridSeq:000}", code, plan.Code, $"{name.Name}第{gridSeq:00}网格", $"{name.NameEn} Grid {gridSeq:00}",
                        households, population, gridPolygons[g]));
                    gridSeq++;
                }
            }
        }

        if (grids.Count != CityLayout.GridCount)
        {
            throw new InvalidOperationException($"generated {grids.Count} grids, expected {CityLayout.GridCount}");
        }

        return new GeneratedCity(districtPolygon, streets, communities, grids);
    }

    /// <summary>
    /// Orders cells west→east within rows taken north→south (GB/T 30428-style numbering). Rows are bands as
    /// high as a typical cell. With <paramref name="keepFirst"/>, the first listed cell (the one carrying the
    /// real example name) stays first: its code is the real one.
    /// </summary>
    private static IEnumerable<int> ReadingOrder(List<int> cells, Func<int, Polygon> shape, Polygon parent, bool keepFirst)
    {
        var band = Math.Sqrt(parent.Area / cells.Count);
        var top = parent.EnvelopeInternal.MaxY;
        var ordered = cells
            .Skip(keepFirst ? 1 : 0)
            .OrderBy(c => Math.Floor((top - shape(c).Centroid.Y) / band))
            .ThenBy(c => shape(c).Centroid.X);
        return keepFirst ? ordered.Prepend(cells[0]) : ordered;
    }

    private static (int Households, int Population) Residents(string kind, Random rng)
    {
        // Urban grids: 300–500 households (national guidance); rural ones smaller, ~300 households.
        var households = kind == "community" ? rng.Next(300, 501) : rng.Next(200, 381);
        var population = (int)Math.Round(households * (2.5 + (rng.NextDouble() * 0.8)));
        return (households, population);
    }

    private static int[] AllocateGrids(List<double> weights)
    {
        const int minimum = 4;
        var total = weights.Sum();
        var spare = CityLayout.GridCount - (minimum * weights.Count);
        var exact = weights.Select(w => spare * w / total).ToArray();
        var counts = exact.Select(e => minimum + (int)Math.Floor(e)).ToArray();
        var left = CityLayout.GridCount - counts.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(left))
        {
            counts[i]++;
        }

        return counts;
    }

    private static Polygon DistrictOutline(Random rng)
    {
        var outline = CityLayout.DistrictOutline.Select(p => new Coordinate(p.Lon, p.Lat)).ToList();

        // Midpoint displacement: real boundaries follow rivers and roads, not straight lines.
        var amplitude = 0.004;
        for (var level = 0; level < 4; level++, amplitude /= 2)
        {
            var next = new List<Coordinate>(outline.Count * 2);
            for (var i = 0; i < outline.Count; i++)
            {
                var a = outline[i];
                var b = outline[(i + 1) % outline.Count];
                next.Add(a);
                var (dx, dy) = (b.X - a.X, b.Y - a.Y);
                var len = Math.Sqrt((dx * dx) + (dy * dy));
                var offset = (rng.NextDouble() - 0.5) * 2 * amplitude;
                next.Add(new Coordinate(((a.X + b.X) / 2) + (-dy / len * offset), ((a.Y + b.Y) / 2) + (dx / len * offset)));
            }

            outline = next;
        }

        outline.Add(outline[0].Copy());
        Geometry shape = F.CreatePolygon(outline.ToArray());
        var box = new Envelope(RequiredBox);
        box.ExpandBy(0.002);
        shape = shape.Union(F.ToGeometry(box)).Intersection(F.ToGeometry(OuterExtent));
        return shape as Polygon ?? Tiling.Polygons(shape).MaxBy(p => p.Area)!;
    }

    private static List<Polygon> StreetShapes(Polygon district, Random rng)
    {
        // Many small Voronoi cells, each given to the street whose (weighted) anchor is nearest: the
        // unions have ragged, plausible boundaries instead of the straight lines of a 4-site diagram.
        var sites = Enumerable.Range(0, 90).Select(_ => Tiling.RandomPointIn(district, rng)).ToList();
        var cells = Tiling.ClippedVoronoi(district, sites);
        var cosLat = Math.Cos(23.02 * Math.PI / 180);
        var owner = sites.Select(p => Enumerable.Range(0, CityLayout.Streets.Length).MinBy(s =>
        {
            var plan = CityLayout.Streets[s];
            var dx = (p.X - plan.AnchorLon) * cosLat;
            var dy = p.Y - plan.AnchorLat;
            return Math.Sqrt((dx * dx) + (dy * dy)) / plan.Weight;
        })).ToList();

        var result = new List<Polygon>();
        for (var s = 0; s < CityLayout.Streets.Length; s++)
        {
            var union = NetTopologySuite.Operation.Union.UnaryUnionOp.Union(cells.Where((_, i) => owner[i] == s).ToList());
            var polygons = Tiling.Polygons(union);
            if (polygons.Count != 1 || polygons[0].NumInteriorRings != 0)
            {
                throw new InvalidOperationException(
                    $"street {CityLayout.Streets[s].Name} came out as {polygons.Count} parts with holes: adjust anchors or seed");
            }

            result.Add(polygons[0]);
        }

        return result;
    }

    private static void CheckDistrict(Polygon district)
    {
        var km2 = GeoMath.AreaSquareMetres(district) / 1e6;
        if (Math.Abs(km2 - TargetAreaKm2) > TargetAreaKm2 * 0.10)
        {
            throw new InvalidOperationException($"district area {km2:0.0} km² is not within ±10 % of {TargetAreaKm2} km²");
        }

        if (!district.Covers(F.ToGeometry(RequiredBox)))
        {
            throw new InvalidOperationException($"district does not contain the required box {RequiredBox}");
        }

        if (!OuterExtent.Covers(district.EnvelopeInternal))
        {
            throw new InvalidOperationException($"district {district.EnvelopeInternal} leaves the extent {OuterExtent}");
        }

        Console.WriteLine($"district: {km2:0.0} km², extent {district.EnvelopeInternal}, {district.NumPoints} vertices");
    }

    /// <summary>Prepared grid polygons for placing devices strictly inside a grid.</summary>
    public static IPreparedGeometry[] Prepare(IReadOnlyList<GeneratedGrid> grids) =>
        grids.Select(g => PreparedGeometryFactory.Prepare(g.Boundary)).ToArray();
}
