using System.Security.Cryptography;
using Dashboard.Core.City;

namespace Dashboard.City;

/// <summary>
/// <see cref="ICityQuery"/> over the Core city model: <see cref="CityMap"/> for the overview,
/// <see cref="GridIndex"/> for point location, and the asset files the model was loaded from for the
/// GeoJSON layers (served as written: already WGS-84 and rounded, no re-serialization per request).
/// </summary>
public sealed class CityModelQuery : ICityQuery
{
    private readonly GridIndex grids;
    private readonly Dictionary<CityLayer, CityGeoJsonDocument> layers;

    public CityModelQuery(CityMap city, GridIndex grids, string assetsFolder)
    {
        this.grids = grids;
        layers = new Dictionary<CityLayer, CityGeoJsonDocument>
        {
            [CityLayer.District] = Load(assetsFolder, CityAssets.DistrictFile),
            [CityLayer.Streets] = Load(assetsFolder, CityAssets.StreetsFile),
            [CityLayer.Communities] = Load(assetsFolder, CityAssets.CommunitiesFile),
            [CityLayer.Grids] = Load(assetsFolder, CityAssets.GridsFile),
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

    private static CityGeoJsonDocument Load(string folder, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(folder, file));
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
        return new CityGeoJsonDocument(bytes, etag);
    }
}
