using Dashboard.Core.Catalog;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>
/// A small catalog with the items the pipeline tests report about, keyed the way each feed names them.
/// The generated city catalog (assets/catalog) replaces it once tools/CityGenerator writes it.
/// </summary>
internal static class TestCatalog
{
    public const string StreetVending = "EV-05-02";
    public const string ManholeMissing = "CP-01-02";
    public const string ManholeTilt = "CP-01-03";
    public const string LineCrossing = "EV-04-01";
    public const string Rainstorm = "EV-04-03";
    public const string IllegalParking = "EV-05-07";

    public static InspectionCatalog Create()
    {
        Department[] departments =
        [
            new("DCC", "禅城区城市运行管理中心", "District command center", DepartmentKind.DistrictCenter),
            new("CGZF", "禅城区城市管理和综合执法局", "Urban management and law enforcement", DepartmentKind.Department),
            new("SW", "禅城区水务局", "Water authority", DepartmentKind.Department),
            new("YJ", "禅城区应急管理局", "Emergency management", DepartmentKind.Department),
        ];
        CatalogItem[] items =
        [
            Item(StreetVending, ItemKind.Event, "05", "街面秩序", "02", "占道经营", "Street vending", "CGZF", 2,
                ["camera:占道经营", "12345:0502", "camera.streetVending"]),
            Item(ManholeMissing, ItemKind.Component, "01", "公用设施", "02", "井盖缺失", "Manhole cover missing", "SW", 3,
                ["12345:0301"]),
            Item(ManholeTilt, ItemKind.Component, "01", "公用设施", "03", "井盖倾斜", "Manhole cover tilted", "SW", 3,
                ["iot:manhole.tilt", "manhole.tilt"]),
            Item(LineCrossing, ItemKind.Event, "04", "突发事件", "01", "区域入侵", "Intrusion", "YJ", 3,
                ["camera.lineCrossing", "camera.intrusion"]),
            Item(Rainstorm, ItemKind.Event, "04", "突发事件", "03", "暴雨", "Rainstorm", "YJ", 4, []),
            Item(IllegalParking, ItemKind.Event, "05", "街面秩序", "07", "机动车违停", "Illegally parked car", "CGZF", 2, ["camera:机动车违停"]),
        ];
        return new InspectionCatalog(departments, items);
    }

    private static CatalogItem Item(string code, ItemKind kind, string major, string majorName, string minor, string name, string nameEn, string department, int severity, string[] feedKeys) =>
        new(code, kind, major, majorName, minor, name, name, nameEn, [department], HandlingTier.Street,
            [new StageSla(SlaStage.Dispatch, SlaSpec.WorkingHours(2)), new StageSla(SlaStage.Handle, SlaSpec.WorkingDays(1))],
            severity, isOnTheSpot: false, feedKeys);
}
