using System.Security.Cryptography;
using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Dashboard.City;

/// <summary>
/// <see cref="ICityQuery"/> over the generated city files: the GeoJSON layers are served as written
/// (already WGS-84, rounded), the overview is counted from them, and points are located with an
/// STRtree of prepared grid polygons.
/// </summary>
public sealed class AssetCityQuery : ICityQuery
{
    private readonly Dictionary<CityLayer, CityGeoJsonDocument> layers;
    private readonly STRtree<(IPreparedGeometry Shape, CityLocation Location)> grids = new();

    public AssetCityQuery(string assetsFolder)
    {
        var cityFolder = Path.Combine(assetsFolder, "city");
        layers = new Dictionary<CityLayer, CityGeoJsonDocument>
        {
            [CityLayer.District] = Load(cityFolder, "district.geojson"),
            [CityLayer.Streets] = Load(cityFolder, "streets.geojson"),
            [CityLayer.Communities] = Load(cityFolder, "communities.geojson"),
            [CityLayer.Grids] = Load(cityFolder, "grids.geojson"),
        };

        var district = Features(CityLayer.District).Select(Area).FirstOrDefault()
            ?? throw new InvalidOperationException($"{Path.Combine(cityFolder, "district.geojson")} has no feature.");
        var streets = Features(CityLayer.Streets).Select(Area).ToDictionary(s => s.Code);
        var communities = Features(CityLayer.Communities).ToDictionary(f => f.GetString("code"), f => (Area: Area(f), Street: f.GetString("streetCode")));
        var gridFeatures = Features(CityLayer.Grids);

        foreach (var feature in gridFeatures)
        {
            var community = communities[feature.GetString("communityCode")];
            var location = new CityLocation(streets[community.Street], community.Area, Area(feature));
            grids.Insert(feature.Geometry.EnvelopeInternal, (PreparedGeometryFactory.Prepare(feature.Geometry), location));
        }

        grids.Build();
        Overview = new CityOverview(
            district,
            [.. streets.Values.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new StreetSummary(
                s,
                communities.Values.Count(c => c.Street == s.Code),
                gridFeatures.Count(g => g.GetString("streetCode") == s.Code)))]);
    }

    public CityOverview Overview { get; }

    public CityGeoJsonDocument GetLayer(CityLayer layer) => layers[layer];

    public CityLocation? Locate(double longitude, double latitude)
    {
        var point = GeoJson.Factory.CreatePoint(new Coordinate(longitude, latitude));
        foreach (var (shape, location) in grids.Query(point.EnvelopeInternal))
        {
            if (shape.Covers(point))
            {
                return location;
            }
        }

        return null;
    }

    private IReadOnlyList<GeoJsonFeature> Features(CityLayer layer) =>
        GeoJson.ReadFeatureCollection(System.Text.Encoding.UTF8.GetString(layers[layer].Utf8Json.Span));

    private static CityArea Area(GeoJsonFeature feature) =>
        new(feature.GetString("code"), feature.GetString("name"), feature.Properties["nameEn"]?.GetValue<string>() ?? "");

    private static CityGeoJsonDocument Load(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"City boundary file {path} is missing. Generate the city with `dotnet run --project tools/CityGenerator -- assets` "
                + "or point City:AssetsPath at the folder that holds city/*.geojson.", path);
        }

        var bytes = File.ReadAllBytes(path);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
        return new CityGeoJsonDocument(bytes, etag);
    }
}
