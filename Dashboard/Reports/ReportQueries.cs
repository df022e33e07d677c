using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Live;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Dashboard.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Reports;

/// <summary>
/// Found, dispatched, closed and overdue counts of one key over a period; <see cref="HandledOnTheSpot"/> (自处置, as
/// <see cref="Core.Incidents.HandledOnTheSpot"/> defines it) is part of <see cref="Closed"/>.
/// </summary>
public sealed record ReportCounts(string Key, string Name, int Found, int Dispatched, int Closed, int Overdue, int HandledOnTheSpot = 0);

/// <summary>A case with a stage limit run out and unmet at the report's cut-off (超期案件).</summary>
public sealed record OverdueCase(string Number, string Title, string ItemCode, string ItemName, string? GridCode, string Stage, DateTimeOffset DueUtc, string Status);

/// <summary>A key with how many cases were found under it.</summary>
public sealed record ReportShare(string Key, string Name, int Count);

/// <summary>日报: one local day of one scope.</summary>
public sealed record DailyReport(
    ReportScope Scope,
    DateOnly Date,
    ReportCounts Totals,
    IReadOnlyList<ReportCounts> Grids,
    IReadOnlyList<ReportShare> Categories,
    IReadOnlyList<ReportShare> Sources,
    bool IsProvisional,
    DateTimeOffset GeneratedUtc,
    IReadOnlyList<OverdueCase> OverdueCases,
    DateTimeOffset CutOffUtc);

/// <summary>The same grid reporting the same item again and again in a month (重复点位).</summary>
public sealed record RepeatLocation(string GridCode, string ItemCode, string ItemName, int Count);

/// <summary>Cases found on day N of the month and on day N of the previous month.</summary>
public sealed record TrendPoint(int Day, int Found, int PreviousFound);

/// <summary>舆情月报: what the public and the grid reported over one month of one scope.</summary>
public sealed record MonthlyReport(
    ReportScope Scope,
    int Year,
    int Month,
    int Found,
    int PreviousFound,
    IReadOnlyList<ReportShare> TopCategories,
    IReadOnlyList<ReportShare> HotspotGrids,
    IReadOnlyList<RepeatLocation> RepeatLocations,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<ReportShare> HotlineRequestTypes,
    DateTimeOffset GeneratedUtc);

/// <summary>
/// Builds the reports. Daily totals and grid figures come from <c>rollup_daily</c>; a day whose rollups are missing,
/// or today (still running), is rebuilt from the incidents first with <see cref="RollupBuilder"/> (idempotent). The
/// rollups are one-dimensional (no item × street cut), so the breakdowns of what was found (category, source,
/// hotline request type) are counted over the scope's incidents reported in the period.
/// </summary>
public sealed class ReportQueries(IDbContextFactory<CityDbContext> contexts, RollupBuilder rollups, InspectionCatalog catalog, TimeProvider time)
{
    /// <summary>
    /// One rebuild at a time in this process: two readers opening today's report together would otherwise both delete
    /// and insert the same rows, and SQLite answers the second writer with "database is locked".
    /// </summary>
    private static readonly SemaphoreSlim Rebuilding = new(1, 1);

    /// <summary>Repeat locations: the same grid and item at least this many times in the month.</summary>
    public const int RepeatThreshold = 3;

    /// <summary>How many rows the ranked lists show.</summary>
    public const int TopCount = 10;

    /// <summary>12345 request kinds in their usual order; anything else (其他, 表扬, missing) counts as 其他.</summary>
    public static IReadOnlyList<string> HotlineRequestKinds { get; } = ["咨询", "求助", "投诉", "举报", "建议", "其他"];

    public async Task<DailyReport> DailyAsync(ReportScope scope, DateOnly date, CancellationToken cancellationToken)
    {
        var from = RollupBuilder.LocalMidnightUtc(date, ChinaTime.Zone);
        var to = RollupBuilder.LocalMidnightUtc(date.AddDays(1), ChinaTime.Zone);
        var now = time.GetUtcNow();
        var provisional = to > now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await Rebuilding.WaitAsync(cancellationToken);
        try
        {
            // Community rows came with a later release: a day stored before it is rebuilt once, then read as stored.
            if (provisional || !await db.Set<DailyRollup>().AnyAsync(r => r.BucketStartUtc == from && r.Dimension == RollupDimension.Community, cancellationToken))
            {
                await rollups.RebuildDayAsync(date, cancellationToken);
            }
        }
        finally
        {
            Rebuilding.Release();
        }

        var totalsDimension = scope.Kind == LiveScopeKind.Community ? RollupDimension.Community : RollupDimension.Street;
        var rows = await db.Set<DailyRollup>().AsNoTracking()
            .Where(r => r.BucketStartUtc == from && (r.Dimension == totalsDimension || r.Dimension == RollupDimension.Grid))
            .Select(r => new { r.Dimension, r.Key, r.Found, r.Dispatched, r.Closed, r.Overdue, r.HandledOnTheSpot })
            .ToListAsync(cancellationToken);
        var areas = rows.Where(r => r.Dimension == totalsDimension && (scope.IsDistrict || r.Key == scope.Code)).ToList();
        var totals = new ReportCounts(scope.ToString(), scope.ToString(),
            areas.Sum(r => r.Found), areas.Sum(r => r.Dispatched), areas.Sum(r => r.Closed), areas.Sum(r => r.Overdue), areas.Sum(r => r.HandledOnTheSpot));
        var grids = rows
            .Where(r => r.Dimension == RollupDimension.Grid && r.Key != IncidentRollup.NoKey && scope.Contains(r.Key))
            .Select(r => new ReportCounts(r.Key, r.Key, r.Found, r.Dispatched, r.Closed, r.Overdue, r.HandledOnTheSpot))
            .OrderByDescending(r => r.Found).ThenByDescending(r => r.Overdue).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Take(TopCount)
            .ToList();

        var found = await InScope(db, scope).Where(i => i.ReportedUtc >= from && i.ReportedUtc < to)
            .Select(i => new { i.ItemCode, i.Source })
            .ToListAsync(cancellationToken);
        var cutOff = CutOff(date, now);
        return new DailyReport(scope, date, totals, grids,
            Rank(found.Select(f => f.ItemCode), ItemName),
            Rank(found.Select(f => f.Source.ToString()), s => s),
            provisional, now,
            await OverdueAtAsync(db, scope, cutOff, cancellationToken),
            cutOff);
    }

    /// <summary>
    /// The instant the overdue list describes: 08:00 Asia/Shanghai the next morning, when the daily report is
    /// published, or now while that has not come yet. Fixed for a published day, so the list does not drift later.
    /// </summary>
    public static DateTimeOffset CutOff(DateOnly date, DateTimeOffset now)
    {
        var publication = RollupBuilder.LocalMidnightUtc(date.AddDays(1), ChinaTime.Zone).AddHours(8);
        return publication < now ? publication : now;
    }

    /// <summary>
    /// 超期案件: the scope's cases that at <paramref name="cutOff"/> had a stage clock past its due time and not yet
    /// completed (paused clocks count when they were paused after running out, as the SLA lights do). A case whose
    /// limits were all met by then, closed in time or not due yet, is not listed.
    /// </summary>
    private async Task<List<OverdueCase>> OverdueAtAsync(CityDbContext db, ReportScope scope, DateTimeOffset cutOff, CancellationToken cancellationToken)
    {
        // A join rather than the Clocks navigation: SQLite cannot run the APPLY that SelectMany over it needs.
        var rows = await (
            from i in InScope(db, scope)
            join c in db.Set<SlaClock>().AsNoTracking() on i.Id equals EF.Property<long>(c, "IncidentId")
            where c.DueUtc < cutOff && c.StartedUtc <= cutOff && (c.CompletedUtc == null || c.CompletedUtc > cutOff)
                && (c.PausedAtUtc == null || c.PausedAtUtc >= c.DueUtc)
            select new { i.Number, i.Title, i.ItemCode, i.Location.GridCode, c.Stage, c.DueUtc, i.Status })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Number)
            .Select(g => g.OrderBy(r => r.DueUtc).First())
            .OrderBy(r => r.DueUtc).ThenBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => new OverdueCase(r.Number, r.Title, r.ItemCode, ItemName(r.ItemCode), r.GridCode, r.Stage.ToString(), r.DueUtc, r.Status.ToString()))];
    }

    public async Task<MonthlyReport> MonthlyAsync(ReportScope scope, int year, int month, CancellationToken cancellationToken)
    {
        var first = new DateOnly(year, month, 1);
        var previousFirst = first.AddMonths(-1);
        var from = RollupBuilder.LocalMidnightUtc(first, ChinaTime.Zone);
        var to = RollupBuilder.LocalMidnightUtc(first.AddMonths(1), ChinaTime.Zone);
        var previousFrom = RollupBuilder.LocalMidnightUtc(previousFirst, ChinaTime.Zone);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var cases = await InScope(db, scope).Where(i => i.ReportedUtc >= from && i.ReportedUtc < to)
            .Select(i => new { i.ReportedUtc, i.ItemCode, i.Location.GridCode, i.Source })
            .ToListAsync(cancellationToken);
        var previous = await InScope(db, scope).Where(i => i.ReportedUtc >= previousFrom && i.ReportedUtc < from)
            .Select(i => i.ReportedUtc)
            .ToListAsync(cancellationToken);

        var byDay = cases.GroupBy(c => LocalDay(c.ReportedUtc)).ToDictionary(g => g.Key, g => g.Count());
        var previousByDay = previous.GroupBy(LocalDay).ToDictionary(g => g.Key, g => g.Count());
        var days = Math.Max(DateTime.DaysInMonth(year, month), DateTime.DaysInMonth(previousFirst.Year, previousFirst.Month));
        var trend = Enumerable.Range(1, DateTime.DaysInMonth(year, month))
            .Select(d => new TrendPoint(d, byDay.GetValueOrDefault(d), previousByDay.GetValueOrDefault(d)))
            .ToList();
        if (days > trend.Count)
        {
            // The previous month can be longer (31 Oct vs 30 Nov): its last days still count in the comparison.
            trend.AddRange(Enumerable.Range(trend.Count + 1, days - trend.Count).Select(d => new TrendPoint(d, 0, previousByDay.GetValueOrDefault(d))));
        }

        var repeats = cases.Where(c => c.GridCode is not null)
            .GroupBy(c => (Grid: c.GridCode!, c.ItemCode))
            .Where(g => g.Count() >= RepeatThreshold)
            .Select(g => new RepeatLocation(g.Key.Grid, g.Key.ItemCode, ItemName(g.Key.ItemCode), g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.GridCode, StringComparer.Ordinal).ThenBy(r => r.ItemCode, StringComparer.Ordinal)
            .ToList();

        var payloads = await InScope(db, scope)
            .Where(i => i.ReportedUtc >= from && i.ReportedUtc < to && i.Source == IncidentSource.Hotline12345)
            .Select(i => i.Reports.Where(r => r.Source == IncidentSource.Hotline12345).OrderBy(r => r.Id).Select(r => r.PayloadJson).FirstOrDefault())
            .ToListAsync(cancellationToken);
        var kinds = payloads.Select(RequestKind).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var hotline = HotlineRequestKinds.Select(k => new ReportShare(k, k, kinds.GetValueOrDefault(k))).ToList();

        return new MonthlyReport(scope, year, month, cases.Count, previous.Count,
            Rank(cases.Select(c => c.ItemCode), ItemName),
            Rank(cases.Where(c => c.GridCode is not null).Select(c => c.GridCode!), g => g),
            repeats, trend, hotline, time.GetUtcNow());

        static int LocalDay(DateTimeOffset utc) => ChinaTime.ToChina(utc).Day;
    }

    /// <summary>The 12345 request kind (来电类型) the hotline feed put in the report's attributes, 其他 when absent.</summary>
    public static string RequestKind(string? payloadJson)
    {
        if (string.IsNullOrEmpty(payloadJson))
        {
            return "其他";
        }

        try
        {
            using var doc = JsonDocument.Parse(payloadJson);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
                && attributes.TryGetProperty("12345.callerType", out var kind) && kind.ValueKind == JsonValueKind.String
                && kind.GetString() is { } text && HotlineRequestKinds.Contains(text))
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // A payload that is not JSON is an old or hand-made report: it has no request kind to count.
        }

        return "其他";
    }

    private static IQueryable<Incident> InScope(CityDbContext db, ReportScope scope)
    {
        var incidents = db.Set<Incident>().AsNoTracking();
        var code = scope.Code;
        return scope.Kind switch
        {
            LiveScopeKind.Street => incidents.Where(i => i.Location.StreetCode == code),
            LiveScopeKind.Community => incidents.Where(i => i.Location.CommunityCode == code),
            _ => incidents,
        };
    }

    private string ItemName(string code) => catalog.TryGetItem(code, out var item) && item is not null ? item.Name : code;

    private static List<ReportShare> Rank(IEnumerable<string> keys, Func<string, string> name) =>
        [.. keys.GroupBy(k => k)
            .Select(g => new ReportShare(g.Key, name(g.Key), g.Count()))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(TopCount)];
}
