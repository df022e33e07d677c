using Dashboard.Localization;
using Microsoft.Extensions.Localization;

namespace Dashboard.Reports;

/// <summary>The reports' strings, Chinese first and English beside it, like <see cref="Director.WorkspaceText"/>.</summary>
public sealed class ReportText
{
    /// <summary>全区, 镇街 440604010 or 村居 440604010001, in the current UI language.</summary>
    public static string ScopeName(IStringLocalizer<ReportText> text, ReportScope scope) => scope.Kind switch
    {
        Core.Live.LiveScopeKind.District => text["Scope.District"],
        Core.Live.LiveScopeKind.Street => text["Scope.Street", scope.Code],
        _ => text["Scope.Community", scope.Code],
    };

    internal static IReadOnlyDictionary<string, (string Chinese, string English)> Entries { get; } =
        new Dictionary<string, (string, string)>
        {
            ["Daily.Title"] = ("城市运行日报", "Daily city operations report"),
            ["Monthly.Title"] = ("舆情月报", "Monthly public sentiment report"),
            ["Scope.District"] = ("全区", "Whole district"),
            ["Scope.Street"] = ("镇街 {0}", "Street {0}"),
            ["Scope.Community"] = ("村居 {0}", "Community {0}"),
            ["OnTheSpot"] = ("自处置", "Handled on the spot"),
            ["OverdueCases"] = ("超期案件（截至 {0}）", "Overdue cases at {0}"),
            ["Case"] = ("案件", "Case"),
            ["Stage"] = ("环节", "Stage"),
            ["Stage.Dispatch"] = ("派遣", "Dispatch"),
            ["Stage.Accept"] = ("签收", "Accept"),
            ["Stage.Handle"] = ("处置", "Handle"),
            ["Stage.Verify"] = ("核查", "Verify"),
            ["Stage.Close"] = ("结案", "Close"),
            ["Due"] = ("时限", "Due"),
            ["Date"] = ("日期", "Date"),
            ["Month"] = ("月份", "Month"),
            ["Generated"] = ("生成时间", "Generated"),
            ["Provisional"] = ("当日数据尚未截止，数字会继续变化", "The day is not over yet; the figures will still change"),
            ["Found"] = ("发现", "Found"),
            ["Dispatched"] = ("派遣", "Dispatched"),
            ["Closed"] = ("结案", "Closed"),
            ["Overdue"] = ("超期", "Overdue"),
            ["Grids"] = ("网格排行", "Grids"),
            ["Grid"] = ("网格", "Grid"),
            ["Categories"] = ("事项类别", "Categories"),
            ["Category"] = ("事项", "Item"),
            ["Sources"] = ("来源", "Sources"),
            ["Source"] = ("来源", "Source"),
            ["Count"] = ("数量", "Count"),
            ["None"] = ("无", "None"),
            ["Csv"] = ("下载 CSV", "Download CSV"),
            ["Print"] = ("打印", "Print"),
            ["Monthly.Link"] = ("本月舆情月报", "This month's sentiment report"),
            ["Monthly.Total"] = ("本月发现 {0} 件，上月 {1} 件", "{0} cases found this month, {1} the month before"),
            ["TopCategories"] = ("高发事项", "Top categories"),
            ["Hotspots"] = ("热点网格", "Hotspot grids"),
            ["Repeats"] = ("重复点位（同一网格同一事项 ≥{0} 次）", "Repeat locations (same grid and item ≥{0} times)"),
            ["Trend"] = ("每日趋势（与上月同日对比）", "Daily trend against the same day last month"),
            ["Day"] = ("日", "Day"),
            ["ThisMonth"] = ("本月", "This month"),
            ["LastMonth"] = ("上月", "Last month"),
            ["Hotline"] = ("12345 诉求类型", "12345 request types"),
            ["RequestType"] = ("诉求类型", "Request type"),
        };
}

/// <summary>Looks <see cref="ReportText"/> keys up in the current UI culture.</summary>
public sealed class ReportTextLocalizer() : BilingualLocalizer<ReportText>(ReportText.Entries);
