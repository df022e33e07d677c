using System.Text.Json.Nodes;
using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Linemerge;

namespace CityGenerator;

/// <summary>
/// 插花地带: small patches astride a street boundary whose responsible street is disputed. They overlay the
/// tiling (each grid still belongs to one community); the dashboard uses them to flag incidents that
/// may need a joint decision on ownership.
/// </summary>
internal static class Enclaves
{
    public static List<GeoJsonFeature> Build(GeneratedCity city, Random rng)
    {
        var result = new List<GeoJsonFeature>();
        var streets = city.Streets;
        for (var a = 0; a < streets.Count; a++)
        {
            for (var b = a + 1; b < streets.Count; b++)
            {
                var shared = streets[a].Boundary.Intersection(streets[b].Boundary);
                if (shared.Length < 0.01)
                {
                    continue;
                }

                var merger = new LineMerger();
                merger.Add(shared);
                var line = merger.GetMergedLineStrings().Cast<LineString>().MaxBy(l => l.Length)!;
                var at = new NetTopologySuite.LinearReferencing.LengthIndexedLine(line)
                    .ExtractPoint(line.Length * (0.3 + (rng.NextDouble() * 0.4)));
                var n = result.Count + 1;
                var (sa, sb) = (streets[a].Plan, streets[b].Plan);
                result.Add(new GeoJsonFeature(Blob(at, rng), new JsonObject
                {
                    ["id"] = $"ENC-{n:00}",
                    ["name"] = $"{Short(sa.Name)}—{Short(sb.Name)}插花地{n:00}",
                    ["nameEn"] = $"{ShortEn(sa.NameEn)}–{ShortEn(sb.NameEn)} enclave {n:00}",
                    ["note"] = "synthetic: land records of both streets claim this patch; ownership is decided case by case",
                    ["candidateStreetCodes"] = new JsonArray(sa.Code, sb.Code),
                }, $"ENC-{n:00}"));
            }
        }

        return result;
    }

    private static string Short(string name) => name.Replace("镇街道", "", StringComparison.Ordinal).Replace("街道", "", StringComparison.Ordinal).Replace("镇", "", StringComparison.Ordinal);

    private static string ShortEn(string name) => name.Split(' ')[0];

    /// <summary>An irregular octagon of 150–300 m radius around <paramref name="centre"/>.</summary>
    private static Polygon Blob(Coordinate centre, Random rng)
    {
        var ring = new Coordinate[9];
        var cosLat = Math.Cos(centre.Y * Math.PI / 180);
        for (var k = 0; k < 8; k++)
        {
            var angle = k * Math.PI / 4;
            var radius = GeoMath.MetresToLatitudeDegrees(150 + (rng.NextDouble() * 150));
            ring[k] = Coordinates.Rounded(new Coordinate(centre.X + (Math.Cos(angle) * radius / cosLat), centre.Y + (Math.Sin(angle) * radius)));
        }

        ring[8] = ring[0].Copy();
        return GeoJson.Factory.CreatePolygon(ring);
    }
}
