using System.Net;
using System.Text;
using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Storage;
using Dashboard.Localization;
using Dashboard.People;
using Dashboard.Tests.Director;
using Dashboard.Tests.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Reports;

/// <summary>
/// The daily and monthly reports over incidents seeded on days of their own, read as the district operator and as
/// the 石湾 street director. Each test uses its own day or month, so a rollup stored by one cannot hide another's cases.
/// </summary>
public sealed class ReportTests(ReportTests.Server server) : IClassFixture<ReportTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public DashboardFactory Factory { get; } = new();

        public HttpClient Operator { get; private set; } = default!;

        public HttpClient Director { get; private set; } = default!;

        public HttpClient Worker { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Operator = await SignIn.AsAsync(Factory, "operator");
            Director = await SignIn.AsAsync(Factory, "director.shiwan");
            Worker = await SignIn.AsAsync(Factory, "worker.lanshi");
        }

        public async Task DisposeAsync()
        {
            Operator.Dispose();
            Director.Dispose();
            Worker.Dispose();
            await Factory.DisposeAsync();
        }
    }

    private static readonly string ShiwanGrid = TestPlace.Shiwan.CommunityCode + "001";
    private static readonly string ShiwanOtherGrid = TestPlace.Shiwan.CommunityCode + "002";
    private static readonly string ZhangchaGrid = TestPlace.Zhangcha.CommunityCode + "001";

    [Fact]
    public async Task Daily_report_page_and_csv_show_the_days_counts_of_the_scope()
    {
        var day = new DateOnly(2026, 10, 14);
        var services = server.Factory.Services;
        await ReportSeed.CreateAsync(services, ShiwanGrid, TestIncidents.ManholeItem, ReportSeed.At(day, 9), dispatch: true);
        await ReportSeed.CreateAsync(services, ShiwanGrid, TestIncidents.ManholeItem, ReportSeed.At(day, 10), dispatch: true);
        await ReportSeed.CreateAsync(services, ShiwanOtherGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(day, 11), closeOnTheSpot: true);
        await ReportSeed.CreateAsync(services, ShiwanGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(day, 23).AddMinutes(59));
        await ReportSeed.CreateAsync(services, ZhangchaGrid, TestIncidents.ManholeItem, ReportSeed.At(day, 12), dispatch: true);
        // The next local day (00:30 Beijing, still the 14th in UTC) belongs to the next report.
        await ReportSeed.CreateAsync(services, ShiwanGrid, TestIncidents.ManholeItem, ReportSeed.At(day.AddDays(1), 0).AddMinutes(30));
        var expected = await DirectCountsAsync(services, day, TestPlace.Shiwan.StreetCode);
        Assert.Equal((4, 2, 1), (expected.Found, expected.Dispatched, expected.Closed));

        var page = await server.Director.GetAsync($"/reports/daily?scope=street:{TestPlace.Shiwan.StreetCode}&date=2026-10-14");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await DashboardFactory.ParseAsync(page);
        Assert.Equal(expected.Found.ToString(), doc.QuerySelector("[data-kpi=found] b")!.TextContent);
        Assert.Equal(expected.Dispatched.ToString(), doc.QuerySelector("[data-kpi=dispatched] b")!.TextContent);
        Assert.Equal(expected.Closed.ToString(), doc.QuerySelector("[data-kpi=closed] b")!.TextContent);
        Assert.Equal("3", doc.QuerySelector($"[data-section=grid] tr[data-key='{ShiwanGrid}'] [data-found]")!.TextContent);
        Assert.Null(doc.QuerySelector($"[data-section=grid] tr[data-key='{ZhangchaGrid}']"));
        Assert.Equal("2", doc.QuerySelector($"[data-section=category] tr[data-key='{TestIncidents.ManholeItem}'] [data-count]")!.TextContent);

        var csv = await server.Director.GetAsync($"/reports/daily.csv?scope=street:{TestPlace.Shiwan.StreetCode}&date=2026-10-14");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,name,found,dispatched,closed,overdue", lines[0]);
        Assert.Equal($"total,street:{TestPlace.Shiwan.StreetCode},street:{TestPlace.Shiwan.StreetCode},{expected.Found},{expected.Dispatched},{expected.Closed},{expected.Overdue}", lines[1]);
        Assert.Contains(lines, l => l.StartsWith($"grid,{ShiwanOtherGrid},{ShiwanOtherGrid},1,0,1,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("category,EV-01-02,", StringComparison.Ordinal) && l.EndsWith(",2,,,", StringComparison.Ordinal));

        var district = await DirectCountsAsync(services, day, null);
        var districtPage = await DashboardFactory.ParseAsync(await server.Operator.GetAsync("/reports/daily?scope=district:440604&date=2026-10-14"));
        Assert.Equal(district.Found.ToString(), districtPage.QuerySelector("[data-kpi=found] b")!.TextContent);
        Assert.Equal(district.Dispatched.ToString(), districtPage.QuerySelector("[data-kpi=dispatched] b")!.TextContent);
    }

    [Fact]
    public async Task Street_director_reads_their_street_and_is_refused_another_street_and_the_district()
    {
        var own = await server.Director.GetAsync($"/reports/daily?scope=street:{TestPlace.Shiwan.StreetCode}&date=2026-10-01");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        var other = await server.Director.GetAsync($"/reports/daily?scope=street:{TestPlace.Zhangcha.StreetCode}&date=2026-10-01");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Director.GetAsync($"/reports/daily.csv?scope=street:{TestPlace.Zhangcha.StreetCode}&date=2026-10-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Director.GetAsync("/reports/monthly?scope=district:440604&month=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Worker.GetAsync($"/reports/daily?scope=street:{TestPlace.Shiwan.StreetCode}&date=2026-10-01")).StatusCode);

        var contexts = server.Factory.Services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        Assert.True(await db.AuditLog.AnyAsync(a => a.UserName == "director.shiwan" && a.Resource == $"report:street:{TestPlace.Zhangcha.StreetCode}"));
    }

    [Fact]
    public async Task Directors_queue_links_to_the_daily_report_of_their_own_street()
    {
        var queue = await DashboardFactory.ParseAsync(await server.Director.GetAsync("/workspace"));
        var link = queue.QuerySelector("a[data-daily-report]")!.GetAttribute("href")!;
        Assert.Equal($"/reports/daily?scope=street:{TestPlace.Shiwan.StreetCode}", link);

        var report = await DashboardFactory.ParseAsync(await server.Director.GetAsync("/reports/daily"));
        Assert.Equal($"street:{TestPlace.Shiwan.StreetCode}", report.Body!.GetAttribute("data-scope"));
        Assert.Null((await DashboardFactory.ParseAsync(await server.Worker.GetAsync("/workspace"))).QuerySelector("a[data-daily-report]"));
    }

    [Fact]
    public async Task Monthly_report_is_in_Chinese_by_default_and_in_English_when_asked()
    {
        var chinese = await DashboardFactory.ParseAsync(await server.Operator.GetAsync("/reports/monthly?scope=district:440604&month=2026-07"));
        Assert.StartsWith("舆情月报", chinese.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var english = await DashboardFactory.ParseAsync(await server.Operator.GetAsync("/reports/monthly?scope=district:440604&month=2026-07&culture=en"));
        Assert.StartsWith("Monthly public sentiment report", english.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));

        // The choice is remembered in a cookie of this shared client; put Chinese back for the other tests.
        await server.Operator.GetAsync("/reports/monthly?scope=district:440604&month=2026-07&culture=zh-CN");
    }

    [Fact]
    public async Task Bad_scope_or_date_is_answered_400_naming_the_parameter()
    {
        var scope = await server.Operator.GetAsync("/reports/daily?scope=street:123&date=2026-10-01");
        Assert.Equal(HttpStatusCode.BadRequest, scope.StatusCode);
        Assert.Contains("scope", await scope.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var date = await server.Operator.GetAsync("/reports/daily?scope=district:440604&date=14.10.2026");
        Assert.Equal(HttpStatusCode.BadRequest, date.StatusCode);
        Assert.Contains("date", await date.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monthly_report_lists_the_top_category_repeat_locations_trend_and_hotline_request_types()
    {
        var services = server.Factory.Services;
        var september = new DateOnly(2026, 9, 1);
        foreach (var d in new[] { 3, 9, 17 })
        {
            await ReportSeed.CreateAsync(services, ZhangchaGrid, TestIncidents.ManholeItem, ReportSeed.At(september.AddDays(d - 1), 10),
                source: IncidentSource.Hotline12345, requestKind: "投诉");
        }

        await ReportSeed.CreateAsync(services, ZhangchaGrid[..12] + "002", TestIncidents.ManholeItem, ReportSeed.At(september.AddDays(2), 15),
            source: IncidentSource.Hotline12345, requestKind: "咨询");
        await ReportSeed.CreateAsync(services, ZhangchaGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(september.AddDays(2), 16));
        await ReportSeed.CreateAsync(services, ZhangchaGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(september.AddDays(4), 16));
        // August, for the comparison, and a Shiwan case that must not count in Zhangcha's report.
        await ReportSeed.CreateAsync(services, ZhangchaGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(new DateOnly(2026, 8, 3), 9));
        await ReportSeed.CreateAsync(services, ShiwanGrid, TestIncidents.ManholeItem, ReportSeed.At(september.AddDays(2), 9));

        var answer = await server.Operator.GetAsync($"/reports/monthly?scope=street:{TestPlace.Zhangcha.StreetCode}&month=2026-09");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var doc = await DashboardFactory.ParseAsync(answer);
        Assert.Equal("6", doc.QuerySelector("[data-total]")!.GetAttribute("data-total"));
        Assert.Equal("1", doc.QuerySelector("[data-total]")!.GetAttribute("data-previous-total"));

        var top = doc.QuerySelector("[data-section=category] tbody tr")!;
        Assert.Equal(TestIncidents.ManholeItem, top.GetAttribute("data-key"));
        Assert.Equal("4", top.QuerySelector("[data-count]")!.TextContent);

        var repeats = doc.QuerySelectorAll("[data-section=repeat] tbody tr");
        var repeat = Assert.Single(repeats);
        Assert.Equal((ZhangchaGrid, TestIncidents.ManholeItem, "3"), (repeat.GetAttribute("data-grid"), repeat.GetAttribute("data-item"), repeat.QuerySelector("[data-count]")!.TextContent));

        Assert.Equal("3", doc.QuerySelector("[data-section=trend] tr[data-day='3'] [data-found]")!.TextContent);
        Assert.Equal("1", doc.QuerySelector("[data-section=trend] tr[data-day='3'] [data-previous]")!.TextContent);
        Assert.Equal("3", doc.QuerySelector("[data-section=hotline] tr[data-key='投诉'] [data-count]")!.TextContent);
        Assert.Equal("1", doc.QuerySelector("[data-section=hotline] tr[data-key='咨询'] [data-count]")!.TextContent);
        Assert.Equal("5", doc.QuerySelector($"[data-section=hotspot] tr[data-key='{ZhangchaGrid}'] [data-count]")!.TextContent);
    }

    /// <summary>What the report should say, counted straight from incidents and their timelines.</summary>
    private static async Task<(int Found, int Dispatched, int Closed, int Overdue)> DirectCountsAsync(IServiceProvider services, DateOnly day, string? street)
    {
        var from = RollupBuilder.LocalMidnightUtc(day, ChinaTime.Zone);
        var to = RollupBuilder.LocalMidnightUtc(day.AddDays(1), ChinaTime.Zone);
        var contexts = services.GetRequiredService<IDbContextFactory<CityDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var incidents = await db.Set<Incident>().AsNoTracking().Include(i => i.Timeline).Include(i => i.Clocks).AsSplitQuery()
            .Where(i => street == null || i.Location.StreetCode == street).ToListAsync();
        bool In(DateTimeOffset t) => t >= from && t < to;
        return (incidents.Count(i => In(i.ReportedUtc)),
            incidents.Sum(i => i.Timeline.Count(t => t.Action == IncidentAction.Dispatch && In(t.AtUtc))),
            incidents.Sum(i => i.Timeline.Count(t => t.Action == IncidentAction.Close && In(t.AtUtc))),
            incidents.Sum(i => i.Clocks.Count(c => In(c.DueUtc) && (c.CompletedUtc == null || c.CompletedUtc > c.DueUtc))));
    }
}
