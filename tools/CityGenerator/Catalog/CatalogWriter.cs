using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Sla;

namespace CityGenerator.Catalog;

/// <summary>
/// Writes the catalog, department, working-calendar and demo-user assets under an assets folder:
/// <c>catalog/departments.json</c>, <c>catalog/items.json</c>, <c>calendar/cn-workdays.json</c>, <c>users/demo-users.json</c>.
/// Pure data, no randomness: the same code writes the same bytes.
/// </summary>
public static class CatalogWriter
{
    public const int ExpectedItemCount = 247;
    public const int ExpectedOnTheSpotCount = 59;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file of <see cref="Files"/> under <paramref name="assetsDir"/>, creating folders as needed.</summary>
    public static void Write(string assetsDir)
    {
        foreach (var (relativePath, text) in Files())
        {
            var path = Path.Combine(assetsDir, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, Utf8NoBom);
        }
    }

    /// <summary>
    /// The assets as (path relative to the assets folder, exact text) pairs, after every consistency check has passed;
    /// lets a caller compare instead of write (a --check mode).
    /// </summary>
    public static IReadOnlyList<(string RelativePath, string Text)> Files()
    {
        var departments = Departments();
        var items = Items();
        // Building the catalog runs every consistency check (codes, departments, feed keys) before anything is written.
        var catalog = new InspectionCatalog(departments, items);
        if (catalog.Items.Count != ExpectedItemCount || catalog.Items.Count(i => i.IsOnTheSpot) != ExpectedOnTheSpotCount)
        {
            throw new InvalidOperationException(
                $"The catalog must have {ExpectedItemCount} items, {ExpectedOnTheSpotCount} on the spot; it has {catalog.Items.Count}, {catalog.Items.Count(i => i.IsOnTheSpot)}.");
        }

        var calendar = WorkdayCalendarData.Document();
        WorkingCalendarJson.Build(calendar);

        return
        [
            ("catalog/" + CatalogJson.DepartmentsFile, Text(CatalogJson.SerializeDepartments(departments))),
            ("catalog/" + CatalogJson.ItemsFile, Text(CatalogJson.SerializeItems(items))),
            ("calendar/" + WorkingCalendarJson.FileName, Text(WorkingCalendarJson.Serialize(calendar))),
            ("users/demo-users.json", Text(DemoUsersData.Json(departments))),
        ];
    }

    internal static IReadOnlyList<Department> Departments() =>
    [
        new("CGZF", "城市管理和综合执法局", "Urban Management and Law Enforcement Bureau", DepartmentKind.Department),
        new("SCJG", "市场监督管理局", "Market Regulation Bureau", DepartmentKind.Department),
        new("ZJ", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau", DepartmentKind.Department),
        new("JT", "交通运输局", "Transport Bureau", DepartmentKind.Department),
        new("SW", "水务局", "Water Affairs Bureau", DepartmentKind.Department),
        new("STHJ", "生态环境分局", "Ecology and Environment Sub-bureau", DepartmentKind.Department),
        new("GA", "公安分局", "Public Security Sub-bureau", DepartmentKind.Department),
        new("XF", "消防救援大队", "Fire and Rescue Brigade", DepartmentKind.Department),
        new("YJ", "应急管理局", "Emergency Management Bureau", DepartmentKind.Department),
        new("WJ", "卫生健康局", "Health Bureau", DepartmentKind.Department),
        new("MZ", "民政局", "Civil Affairs Bureau", DepartmentKind.Department),
        new("ZRZY", "自然资源分局", "Natural Resources Sub-bureau", DepartmentKind.Department),
        new("RS", "人力资源和社会保障局", "Human Resources and Social Security Bureau", DepartmentKind.Department),
        new("HOTLINE-12345", "12345政务服务便民热线中心", "12345 Government Service Hotline Center", DepartmentKind.Hotline),
        new("CMD-440604", "禅城区指挥中心", "Chancheng District Command Center", DepartmentKind.DistrictCenter),
        new("CMD-440604010", "石湾镇街道综治指挥中心", "Shiwanzhen Subdistrict Command Center", DepartmentKind.StreetCenter, "440604010"),
        new("CMD-440604011", "张槎街道综治指挥中心", "Zhangcha Subdistrict Command Center", DepartmentKind.StreetCenter, "440604011"),
        new("CMD-440604012", "祖庙街道综治指挥中心", "Zumiao Subdistrict Command Center", DepartmentKind.StreetCenter, "440604012"),
        new("CMD-440604100", "南庄镇综治指挥中心", "Nanzhuang Town Command Center", DepartmentKind.StreetCenter, "440604100"),
    ];

    internal static IReadOnlyList<CatalogItem> Items()
    {
        var items = new List<CatalogItem>();
        foreach (var major in CatalogItemsData.Majors)
        {
            foreach (var row in major.Rows)
            {
                var severity = row.Severity ?? major.Severity;
                var urgent = severity >= 4;
                var handle = ParseLimit(row.Handle ?? major.Handle);
                // Urgent items are dispatched and checked in natural time: a fire does not wait for Monday.
                var slas = new List<StageSla>
                {
                    new(SlaStage.Dispatch, urgent ? SlaSpec.Minutes(30) : SlaSpec.WorkingHours(2)),
                    new(SlaStage.Accept, urgent ? SlaSpec.Minutes(15) : SlaSpec.WorkingHours(4)),
                    new(SlaStage.Handle, handle),
                    new(SlaStage.Verify, urgent ? SlaSpec.NaturalHours(2) : SlaSpec.WorkingDays(1)),
                    new(SlaStage.Close, urgent ? SlaSpec.NaturalHours(4) : SlaSpec.WorkingDays(1)),
                };
                items.Add(new CatalogItem(
                    CatalogCode.Format(major.Kind, major.Code, row.Minor),
                    major.Kind,
                    major.Code,
                    major.Name,
                    row.Minor,
                    row.Name,
                    row.Name,
                    row.NameEn,
                    (row.Departments ?? major.Departments).Split(','),
                    row.Tier ?? major.Tier,
                    slas,
                    severity,
                    row.Spot,
                    row.Keys is null ? [] : row.Keys.Split('|')));
            }
        }

        return items;
    }

    internal static SlaSpec ParseLimit(string text)
    {
        var digits = new string([.. text.TakeWhile(char.IsAsciiDigit)]);
        var amount = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return text[digits.Length..] switch
        {
            "m" => SlaSpec.Minutes(amount),
            "h" => SlaSpec.NaturalHours(amount),
            "d" => SlaSpec.NaturalDays(amount),
            "wh" => SlaSpec.WorkingHours(amount),
            "wd" => SlaSpec.WorkingDays(amount),
            _ => throw new FormatException($"Unknown limit '{text}'; use 30m, 2h, 3d, 4wh or 7wd."),
        };
    }

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Text(string json) => json.ReplaceLineEndings("\n") + "\n";
}
