using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Geo;
using Dashboard.Core.Registry;

namespace Dashboard.Core.City;

/// <summary>
/// The demo city read from an assets folder (see assets/README.md): the hierarchy, its spatial index, the
/// disputed enclaves and the device registry. Every device's grid must exist in the city.
/// </summary>
public sealed class CityAssets
{
    public const string DistrictFile = "city/district.geojson";
    public const string StreetsFile = "city/streets.geojson";
    public const string CommunitiesFile = "city/communities.geojson";
    public const string GridsFile = "city/grids.geojson";
    public const string EnclavesFile = "city/enclaves.geojson";
    public const string CamerasFile = "registry/cameras.json";
    public const string SensorsFile = "registry/sensors.json";
    public const string GuardPostsFile = "registry/guard-posts.json";

    private static readonly string[] AllFiles =
        [DistrictFile, StreetsFile, CommunitiesFile, GridsFile, EnclavesFile, CamerasFile, SensorsFile, GuardPostsFile];

    /// <summary>Assembles a city from parts already loaded elsewhere (the store, at start).</summary>
    public CityAssets(CityMap city, IReadOnlyList<Enclave> enclaves, DeviceRegistry devices)
    {
        City = city;
        Enclaves = enclaves;
        Devices = devices;
        Grids = new GridIndex(city);
    }

    public CityMap City { get; }

    /// <summary>Point → grid → community → street index over <see cref="City"/>.</summary>
    public GridIndex Grids { get; }

    public IReadOnlyList<Enclave> Enclaves { get; }

    public DeviceRegistry Devices { get; }

    /// <summary>Reads the assets folder; errors name the file and the offending feature or field.</summary>
    /// <exception cref="InvalidDataException">A file is missing or malformed, or references break.</exception>
    public static async Task<CityAssets> LoadAsync(string assetsFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assetsFolder);
        var texts = new Dictionary<string, string>();
        foreach (var file in AllFiles)
        {
            texts[file] = await File.ReadAllTextAsync(PathOf(assetsFolder, file), cancellationToken);
        }

        return Parse(texts);
    }

    /// <summary>Synchronous <see cref="LoadAsync"/>, for start-up code and test fixtures.</summary>
    public static CityAssets Load(string assetsFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assetsFolder);
        return Parse(AllFiles.ToDictionary(f => f, f => File.ReadAllText(PathOf(assetsFolder, f))));
    }

    private static string PathOf(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : throw new InvalidDataException($"{path}: city asset file is missing (regenerate with: dotnet run --project tools/CityGenerator -- assets)");
    }

    private static CityAssets Parse(IReadOnlyDictionary<string, string> texts)
    {
        var district = Read(texts, DistrictFile, f => new District(f.GetString("code"), f.GetString("name"), f.GetString("nameEn"), f.Geometry)).Single();
        var streets = Read(texts, StreetsFile, f => new Street(
            StreetCode.Parse(f.GetString("code")), f.GetString("name"), f.GetString("nameEn"), ParseEnum<StreetKind>(f.GetString("kind"), "kind"), f.Geometry));
        var communities = Read(texts, CommunitiesFile, f =>
        {
            var community = new Community(
                CommunityCode.Parse(f.GetString("code")), f.GetString("name"), f.GetString("nameEn"), ParseEnum<CommunityKind>(f.GetString("kind"), "kind"), f.Geometry);
            return community.StreetCode.Value == f.GetString("streetCode")
                ? community
                : throw new FormatException($"streetCode {f.GetString("streetCode")} does not prefix code {community.Code}");
        });
        var grids = Read(texts, GridsFile, f =>
        {
            var grid = new GridCell(GridCode.Parse(f.GetString("code")), f.GetString("name"), f.GetString("nameEn"), f.GetInt32("households"), f.GetInt32("population"), f.Geometry);
            return grid.CommunityCode.Value == f.GetString("communityCode") && grid.StreetCode.Value == f.GetString("streetCode")
                ? grid
                : throw new FormatException($"communityCode/streetCode do not prefix code {grid.Code}");
        });
        var enclaves = Read(texts, EnclavesFile, f => new Enclave(
            f.GetString("id"), f.GetString("name"), f.GetString("nameEn"), f.GetString("note"),
            (f.Properties["candidateStreetCodes"] as JsonArray ?? throw new FormatException("candidateStreetCodes must be an array"))
                .Select(n => StreetCode.Parse(n?.GetValue<string>() ?? string.Empty)),
            f.Geometry));

        CityMap city;
        try
        {
            city = new CityMap(district, streets, communities, grids);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"city assets do not form one hierarchy: {ex.Message}", ex);
        }

        var cameras = ReadArray(texts, CamerasFile, o => new Camera(
            Str(o, "id"), Str(o, "name"), ParseEnum<CameraKind>(Str(o, "kind"), "kind"), Point(o), Grid(o, city),
            Str(o, "isapiDeviceSerial"), Num<int>(o, "isapiChannel"), Num<bool>(o, "online")));
        var sensors = ReadArray(texts, SensorsFile, o => new Sensor(
            Str(o, "id"), ParseEnum<SensorKind>(Str(o, "kind"), "kind"), Str(o, "name"), Point(o), Grid(o, city),
            TimeSpan.FromSeconds(Num<int>(o, "heartbeatSeconds")),
            (o["thresholds"] as JsonObject ?? throw new FormatException("'thresholds' must be an object"))
                .ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<double>(out var d) ? d : throw new FormatException($"threshold '{p.Key}' must be a number"))));
        var posts = ReadArray(texts, GuardPostsFile, o => new GuardPost(Str(o, "id"), Str(o, "name"), Point(o), Grid(o, city)));
        return new CityAssets(city, enclaves, new DeviceRegistry(cameras, sensors, posts));
    }

    private static List<T> Read<T>(IReadOnlyDictionary<string, string> texts, string file, Func<GeoJsonFeature, T> map)
    {
        IReadOnlyList<GeoJsonFeature> features;
        try
        {
            features = GeoJson.ReadFeatureCollection(texts[file]);
        }
        catch (GeoJsonException ex)
        {
            throw new InvalidDataException($"{file}: {ex.Message}", ex);
        }

        var result = new List<T>(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            try
            {
                result.Add(map(features[i]));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidDataException($"{file}: feature {i} ({features[i].Id ?? "no id"}): {ex.Message}", ex);
            }
        }

        return result;
    }

    private static List<T> ReadArray<T>(IReadOnlyDictionary<string, string> texts, string file, Func<JsonObject, T> map)
    {
        JsonArray array;
        try
        {
            array = JsonNode.Parse(texts[file]) as JsonArray ?? throw new InvalidDataException($"{file}: expected a JSON array of objects");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}: not valid JSON: {ex.Message}", ex);
        }

        var result = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            try
            {
                result.Add(map(array[i] as JsonObject ?? throw new FormatException("expected an object")));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{file}[{i}] ({array[i]?["id"]}): {ex.Message}", ex);
            }
        }

        return result;
    }

    private static string Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"'{name}' is missing or not a string");

    private static T Num<T>(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<T>(out var n) ? n : throw new FormatException($"'{name}' is missing or not a {typeof(T).Name}");

    private static GeoPoint Point(JsonObject o) => new(Num<double>(o, "lon"), Num<double>(o, "lat"));

    private static GridCode Grid(JsonObject o, CityMap city)
    {
        var code = GridCode.Parse(Str(o, "gridCode"));
        return city.TryGetGrid(code, out _) ? code : throw new KeyNotFoundException($"gridCode {code} is not a grid of the city");
    }

    private static TEnum ParseEnum<TEnum>(string value, string field)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new FormatException($"'{field}' value '{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName))}");
}
