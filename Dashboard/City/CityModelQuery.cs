using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Core.City;
using Dashboard.Core.Geo;

namespace Dashboard.City;

/// <summary>
/// <see cref="ICityQuery"/> over the city as loaded from the store: <see cref="CityMap"/> for the overview and
/// the GeoJSON layers (written once, at first use, then served with an ETag), <see cref="GridIndex"/> for
/// point location.
/// </summary>
public sealed class CityModelQuery : ICityQuery
{
    private readonly GridIndex grids;
    private readonly Dictionary<CityLayer, CityGeoJsonDocument> layers;

    public CityModelQuery(CityMap city, GridIndex grids)
    {
        this.grids = grids;
        layers = new Dictionary<CityLayer, CityGeoJsonDocument>
        {
            [CityLayer.District] = Document([new GeoJsonFeature(city.District.Boundary, new JsonObject
            {
                ["code"] = city.District.Code,
                ["name"] = city.District.Name,
                ["nameEn"] = city.District.NameEn,
            }, city.District.Code)]),
            [CityLayer.Streets] = Document(city.Streets.Select(s => new GeoJsonFeature(s.Boundary, new JsonObject
            {
                ["code"] = s.Code.Value,
                ["name"] = s.Name,
                ["nameEn"] = s.NameEn,
                ["kind"] = s.Kind.ToString().ToLowerInvariant(),
            }, s.Code.Value))),
            [CityLayer.Communities] = Document(city.Communities.Select(c => new GeoJsonFeature(c.Boundary, new JsonObject
            {
                ["code"] = c.Code.Value,
                ["name"] = c.Name,
                ["nameEn"] = c.NameEn,
                ["streetCode"] = c.StreetCode.Value,
                ["kind"] = c.Kind.ToString().ToLowerInvariant(),
            }, c.Code.Value))),
            [CityLayer.Grids] = Document(city.Grids.Select(g => new GeoJsonFeature(g.Boundary, new JsonObject
            {
                ["code"] = g.Code.Value,
                ["name"] = g.Name,
                ["nameEn"] = g.NameEn,
                ["communityCode"] = g.CommunityCode.Value,
                ["streetCode"] = g.StreetCode.Value,
                ["households"] = g.Households,
                ["population"] = g.Population,
            }, g.Code.Value))),
        };
        Overview = new CityOverview(
            new CityArea(city.District.Code, city.District.Name, city.District.NameEn),
            [.. city.Streets.OrderBy(s => s.Code).Select(s => new StreetSummary(
                new CityArea(s.Code.Value, s.Name, s.NameEn),
                city.CommunitiesOf(s.Code).Count,
                city.GridsOf(s.Code).Count))]);
    }

    public CityOverview Overview { get; }

    public CityGeoJsonDocument GetLayer(CityLayer layer) => layers[layer];

    public CityLocation? Locate(double longitude, double latitude)
    {
        var location = grids.Locate(longitude, latitude);
        if (!location.IsInsideDistrict)
        {
            return null;
        }

        return new CityLocation(
            new CityArea(location.Street.Code.Value, location.Street.Name, location.Street.NameEn),
            new CityArea(location.Community.Code.Value, location.Community.Name, location.Community.NameEn),
            new CityArea(location.Grid.Code.Value, location.Grid.Name, location.Grid.NameEn));
    }

    private static CityGeoJsonDocument Document(IEnumerable<GeoJsonFeature> features)
    {
        var bytes = Encoding.UTF8.GetBytes(GeoJson.WriteFeatureCollection(features));
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
        return new CityGeoJsonDocument(bytes, etag);
    }
}
