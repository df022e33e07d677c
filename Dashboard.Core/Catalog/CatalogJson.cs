using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Catalog;

/// <summary>
/// Reads and writes the catalog assets (<c>assets/catalog/departments.json</c>, <c>assets/catalog/items.json</c>).
/// The generator and the loader share this so the file format lives in one place.
/// </summary>
public static class CatalogJson
{
    public const string DepartmentsFile = "departments.json";
    public const string ItemsFile = "items.json";

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string SerializeDepartments(IEnumerable<Department> departments) =>
        JsonSerializer.Serialize(
            new DepartmentsDocument(1, [.. departments.Select(d => new DepartmentDto(d.Code, d.Name, d.NameEn, d.Kind, d.StreetCode))]),
            Options);

    public static string SerializeItems(IEnumerable<CatalogItem> items) =>
        JsonSerializer.Serialize(new ItemsDocument(1, [.. items.Select(ToDto)]), Options);

    public static IReadOnlyList<Department> DeserializeDepartments(string json)
    {
        var document = JsonSerializer.Deserialize<DepartmentsDocument>(json, Options)
            ?? throw new CatalogException("departments.json is empty.");
        return [.. (document.Departments ?? throw new CatalogException("departments.json has no 'departments' array."))
            .Select(d => new Department(d.Code, d.Name, d.NameEn, d.Kind, d.StreetCode))];
    }

    public static IReadOnlyList<CatalogItem> DeserializeItems(string json)
    {
        var document = JsonSerializer.Deserialize<ItemsDocument>(json, Options)
            ?? throw new CatalogException("items.json is empty.");
        return [.. (document.Items ?? throw new CatalogException("items.json has no 'items' array.")).Select(FromDto)];
    }

    /// <summary>Loads and cross-checks both catalog files from <paramref name="catalogDirectory"/> (…/assets/catalog).</summary>
    public static async Task<InspectionCatalog> LoadAsync(string catalogDirectory, CancellationToken cancellationToken)
    {
        var departments = DeserializeDepartments(await File.ReadAllTextAsync(Path.Combine(catalogDirectory, DepartmentsFile), cancellationToken));
        var items = DeserializeItems(await File.ReadAllTextAsync(Path.Combine(catalogDirectory, ItemsFile), cancellationToken));
        return new InspectionCatalog(departments, items);
    }

    public static InspectionCatalog Load(string catalogDirectory) =>
        new(
            DeserializeDepartments(File.ReadAllText(Path.Combine(catalogDirectory, DepartmentsFile))),
            DeserializeItems(File.ReadAllText(Path.Combine(catalogDirectory, ItemsFile))));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Chinese names stay readable in the committed files.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static ItemDto ToDto(CatalogItem item) => new(
        item.Code,
        item.Kind,
        item.StandardCode,
        new ClassDto(item.MajorClassCode, item.MajorClassName),
        new ClassDto(item.MinorClassCode, item.MinorClassName),
        item.Name,
        item.NameEn,
        [.. item.DepartmentCodes],
        item.Tier,
        item.Slas.ToDictionary(s => s.Stage, s => new SlaDto(s.Limit.Amount, s.Limit.Unit)),
        item.DefaultSeverity,
        item.IsOnTheSpot,
        [.. item.FeedKeys]);

    private static CatalogItem FromDto(ItemDto dto)
    {
        if (dto.MajorClass is null || dto.MinorClass is null || dto.Sla is null)
        {
            throw new CatalogException($"Catalog item {dto.Code}: majorClass, minorClass and sla are required.");
        }

        var item = new CatalogItem(
            dto.Code,
            dto.Kind,
            dto.MajorClass.Code,
            dto.MajorClass.Name,
            dto.MinorClass.Code,
            dto.MinorClass.Name,
            dto.Name,
            dto.NameEn,
            dto.Departments ?? [],
            dto.Tier,
            dto.Sla.Select(kv => new StageSla(kv.Key, new SlaSpec(kv.Value.Amount, kv.Value.Unit))),
            dto.DefaultSeverity,
            dto.OnTheSpot,
            dto.FeedKeys ?? []);
        if (dto.StandardCode is not null && dto.StandardCode != item.StandardCode)
        {
            throw new CatalogException($"Catalog item {dto.Code}: standardCode {dto.StandardCode} disagrees with its classes ({item.StandardCode}).");
        }

        return item;
    }

    private sealed record DepartmentsDocument(int Version, List<DepartmentDto>? Departments);

    private sealed record DepartmentDto(string Code, string Name, string NameEn, DepartmentKind Kind, string? StreetCode);

    private sealed record ItemsDocument(int Version, List<ItemDto>? Items);

    private sealed record ClassDto(string Code, string Name);

    private sealed record SlaDto(int Amount, SlaUnit Unit);

    private sealed record ItemDto(
        string Code,
        ItemKind Kind,
        string? StandardCode,
        ClassDto? MajorClass,
        ClassDto? MinorClass,
        string Name,
        string NameEn,
        List<string>? Departments,
        HandlingTier Tier,
        Dictionary<SlaStage, SlaDto>? Sla,
        int DefaultSeverity,
        bool OnTheSpot,
        List<string>? FeedKeys);
}
