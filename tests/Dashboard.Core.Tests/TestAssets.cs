using Dashboard.Core.Sla;
using Dashboard.TestSupport;
using CityCatalog = Dashboard.Core.Catalog.InspectionCatalog;

namespace Dashboard.Core.Tests;

/// <summary>The committed assets, loaded once: tests exercise the real catalog and calendar.</summary>
internal static class TestAssets
{
    private static readonly Lazy<CityCatalog> LazyCatalog = new(() => Dashboard.Core.Catalog.CatalogJson.Load(Path.Combine(TestPaths.Assets, "catalog")));
    private static readonly Lazy<WorkingCalendar> LazyCalendar = new(() => WorkingCalendarJson.Load(Path.Combine(TestPaths.Assets, "calendar")));

    public static CityCatalog TheCatalog => LazyCatalog.Value;

    public static WorkingCalendar Calendar => LazyCalendar.Value;

    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>An instant given in Asia/Shanghai wall-clock time.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Shanghai);
}
