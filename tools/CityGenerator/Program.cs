using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityGenerator;
using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;

// Writes the synthetic Chancheng-like city into the given assets folder. Same seed → byte-identical files.
// Usage: dotnet run --project tools/CityGenerator -- <assets folder> [--seed N] [--check]
// --check writes nothing and exits 1 when the folder differs from what the seed generates (for CI).
if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: CityGenerator <assets folder> [--seed N] [--check]");
    return 2;
}

var checkOnly = args.Contains("--check");
var stale = new List<string>();

var root = Path.GetFullPath(args[0]);
var seed = 440604;
var seedAt = Array.IndexOf(args, "--seed");
if (seedAt >= 0 && (seedAt + 1 >= args.Length || !int.TryParse(args[seedAt + 1], CultureInfo.InvariantCulture, out seed)))
{
    Console.Error.WriteLine("--seed needs an integer");
    return 2;
}

var rng = new Random(seed);
var city = CityBuilder.Build(rng);
var enclaves = Enclaves.Build(city, rng);
var devices = Devices.Build(city, rng);

if (!checkOnly)
{
    Directory.CreateDirectory(Path.Combine(root, "city"));
    Directory.CreateDirectory(Path.Combine(root, "registry"));
}

Write("city/district.geojson", GeoJson.WriteFeatureCollection(
[
    new GeoJsonFeature(city.District, new JsonObject
    {
        ["code"] = CityLayout.DistrictCode,
        ["name"] = CityLayout.DistrictName,
        ["nameEn"] = CityLayout.DistrictNameEn,
        ["areaKm2"] = Math.Round(GeoMath.AreaSquareMetres(city.District) / 1e6, 2),
    }, CityLayout.DistrictCode),
]));

Write("city/streets.geojson", GeoJson.WriteFeatureCollection(city.Streets.Select(s => new GeoJsonFeature(s.Boundary, new JsonObject
{
    ["code"] = s.Plan.Code,
    ["name"] = s.Plan.Name,
    ["nameEn"] = s.Plan.NameEn,
    ["kind"] = s.Plan.Kind,
}, s.Plan.Code))));

Write("city/communities.geojson", GeoJson.WriteFeatureCollection(city.Communities.Select(c => new GeoJsonFeature(c.Boundary, new JsonObject
{
    ["code"] = c.Code,
    ["name"] = c.Name.Name,
    ["nameEn"] = c.Name.NameEn,
    ["streetCode"] = c.StreetCode,
    ["kind"] = c.Name.Kind,
}, c.Code))));

Write("city/grids.geojson", GeoJson.WriteFeatureCollection(city.Grids.Select(g => new GeoJsonFeature(g.Boundary, new JsonObject
{
    ["code"] = g.Code,
    ["name"] = g.Name,
    ["nameEn"] = g.NameEn,
    ["communityCode"] = g.CommunityCode,
    ["streetCode"] = g.StreetCode,
    ["households"] = g.Households,
    ["population"] = g.Population,
}, g.Code))));

Write("city/enclaves.geojson", GeoJson.WriteFeatureCollection(enclaves));
Write("registry/cameras.json", JsonLines(devices.Cameras));
Write("registry/sensors.json", JsonLines(devices.Sensors));
Write("registry/guard-posts.json", JsonLines(devices.GuardPosts));
foreach (var (relative, text) in CityGenerator.Catalog.CatalogWriter.Files())
{
    Write(relative, text);
}

if (checkOnly && stale.Count > 0)
{
    Console.Error.WriteLine($"assets are stale, regenerate them: {string.Join(", ", stale)}");
    return 1;
}

Console.WriteLine($"{city.Streets.Count} streets, {city.Communities.Count} communities, {city.Grids.Count} grids, "
    + $"{enclaves.Count} enclaves, {devices.Cameras.Count} cameras, {devices.Sensors.Count} sensors, {devices.GuardPosts.Count} guard posts");
return 0;

void Write(string relative, string text)
{
    var path = Path.Combine(root, relative);
    if (checkOnly)
    {
        if (!File.Exists(path) || File.ReadAllText(path, Encoding.UTF8) != text)
        {
            stale.Add(relative);
        }

        return;
    }

    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    Console.WriteLine($"wrote {path}");
}

// One object per line inside a JSON array: compact, and a change to one device is a one-line diff.
static string JsonLines(IEnumerable<JsonObject> items)
{
    var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    return "[\n" + string.Join(",\n", items.Select(i => i.ToJsonString(options))) + "\n]\n";
}

internal sealed record DeviceSet(List<JsonObject> Cameras, List<JsonObject> Sensors, List<JsonObject> GuardPosts);

/// <summary>Longitude/latitude helpers shared by the device and enclave builders.</summary>
internal static class Coordinates
{
    public static double Round(double v) => GeoJson.Round(v);

    public static Coordinate Rounded(Coordinate c) => new(Round(c.X), Round(c.Y));
}
