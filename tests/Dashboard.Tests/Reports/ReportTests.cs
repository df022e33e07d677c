using System.Net;
using System.Text;
using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Storage;
using Dashboard.Localization;
using Dashboard.People;
using Dashboard.Reports;
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
        Assert.Equal("section,key,name,found,dispatched,closed,overdue,handled_on_the_spot", lines[0]);
        // The case closed on the spot (自处置) is one of the day's closings.
        Assert.Equal($"total,street:{TestPlace.Shiwan.StreetCode},street:{TestPlace.Shiwan.StreetCode},{expected.Found},{expected.Dispatched},{expected.Closed},{expected.Overdue},1", lines[1]);
        Assert.Contains(lines, l => l.StartsWith($"grid,{ShiwanOtherGrid},{ShiwanOtherGrid},1,0,1,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("category,EV-01-02,", StringComparison.Ordinal) && l.EndsWith(",2,,,,", StringComparison.Ordinal));

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
        var workerLink = (await DashboardFactory.ParseAsync(await server.Worker.GetAsync("/workspace"))).QuerySelector("a[data-daily-report]")!.GetAttribute("href");
        Assert.Equal($"/reports/daily?scope=community:{TestPlace.Shiwan.CommunityCode}", workerLink);
    }

    [Fact]
    public async Task Each_daily_report_scope_is_read_only_by_people_whose_scope_contains_it()
    {
        const string date = "&date=2026-10-02";
        var lanshi = $"community:{TestPlace.Shiwan.CommunityCode}";
        var chunyang = $"community:{TestPlace.Zhangcha.CommunityCode}";
        var shiwan = $"street:{TestPlace.Shiwan.StreetCode}";

        // District operator: every scope. Street director: the street and its communities. Community worker: their community.
        Assert.Equal(HttpStatusCode.OK, (await server.Operator.GetAsync($"/reports/daily?scope={chunyang}{date}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Director.GetAsync($"/reports/daily?scope={lanshi}{date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Director.GetAsync($"/reports/daily?scope={chunyang}{date}")).StatusCode);
        var own = await server.Worker.GetAsync($"/reports/daily?scope={lanshi}{date}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(lanshi, (await DashboardFactory.ParseAsync(own)).Body!.GetAttribute("data-scope"));
        Assert.Equal(HttpStatusCode.OK, (await server.Worker.GetAsync($"/reports/daily.csv?scope={lanshi}{date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Worker.GetAsync($"/reports/daily?scope={chunyang}{date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Worker.GetAsync($"/reports/daily?scope={shiwan}{date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Worker.GetAsync($"/reports/daily.csv?scope=district:440604{date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Worker.GetAsync($"/reports/monthly.csv?scope={chunyang}&month=2026-10")).StatusCode);
        var month = await DashboardFactory.ParseAsync(await server.Worker.GetAsync($"/reports/monthly?scope={lanshi}&month=2026-10"));
        Assert.StartsWith($"舆情月报 · 村居 {TestPlace.Shiwan.CommunityCode}", month.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var contexts = server.Factory.Services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        Assert.True(await db.AuditLog.AnyAsync(a => a.UserName == "worker.lanshi" && a.Resource == $"report:{chunyang}"));
    }

    [Fact]
    public async Task The_daily_report_lists_a_case_overdue_at_0800_next_morning_and_not_one_closed_in_time()
    {
        // Tuesday 2026-10-20, a working day; the report is published Wednesday 08:00 Asia/Shanghai.
        var day = new DateOnly(2026, 10, 20);
        var services = server.Factory.Services;
        var actor = Actor.System("report-test");
        // 暴露垃圾, dispatch within 2 working hours: registered 09:00, never dispatched, overdue from 11:00.
        var overdue = await ReportSeed.WithWorkflowAsync(services, ShiwanGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(day, 9), (w, i, t) => w.Register(i, actor));
        // Registered at 09:00 and taken through every stage within its limits, closed at 10:20.
        var inTime = await ReportSeed.WithWorkflowAsync(services, ShiwanGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(day, 9), (w, i, t) =>
        {
            w.Register(i, actor);
            foreach (var (minutes, step) in new (int, Action)[]
                { (30, () => w.Dispatch(i, actor, "CGZF")), (40, () => w.Accept(i, actor)), (60, () => w.Handle(i, actor)), (70, () => w.Verify(i, actor)), (80, () => w.Close(i, actor)) })
            {
                t.SetUtcNow(ReportSeed.At(day, 9).AddMinutes(minutes));
                step();
            }
        });
        // Overdue too, but in another street: not in 石湾's report.
        var elsewhere = await ReportSeed.WithWorkflowAsync(services, ZhangchaGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(day, 9), (w, i, t) => w.Register(i, actor));

        var page = await DashboardFactory.ParseAsync(await server.Director.GetAsync($"/reports/daily?scope=street:{TestPlace.Shiwan.StreetCode}&date=2026-10-20"));
        var listed = page.QuerySelectorAll("[data-section=overdue-cases] tr[data-number]").Select(r => r.GetAttribute("data-number")).ToList();
        Assert.Equal([overdue], listed);
        var stage = page.QuerySelector($"[data-section=overdue-cases] tr[data-number='{overdue}'] [data-stage]")!;
        Assert.Equal(("Dispatch", "派遣"), (stage.GetAttribute("data-stage"), stage.TextContent));
        Assert.Contains("2026-10-21 08:00", page.QuerySelector("[data-overdue-cutoff]")!.TextContent, StringComparison.Ordinal);

        var community = await DashboardFactory.ParseAsync(await server.Worker.GetAsync($"/reports/daily?scope=community:{TestPlace.Shiwan.CommunityCode}&date=2026-10-20"));
        Assert.Equal([overdue], community.QuerySelectorAll("[data-section=overdue-cases] tr[data-number]").Select(r => r.GetAttribute("data-number")));
        var district = await DashboardFactory.ParseAsync(await server.Operator.GetAsync("/reports/daily?scope=district:440604&date=2026-10-20"));
        var all = district.QuerySelectorAll("[data-section=overdue-cases] tr[data-number]").Select(r => r.GetAttribute("data-number")).ToList();
        Assert.Contains(elsewhere, all);
        Assert.DoesNotContain(inTime, all);

        var csv = await server.Director.GetStringAsync($"/reports/daily.csv?scope=street:{TestPlace.Shiwan.StreetCode}&date=2026-10-20");
        var overdueRows = csv.Split("\r\n").Where(l => l.StartsWith("overdue_case,", StringComparison.Ordinal)).ToList();
        Assert.Equal([overdue], overdueRows.Select(l => l.Split(',')[1]));
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

        var csv = await server.Operator.GetAsync($"/reports/monthly.csv?scope=street:{TestPlace.Zhangcha.StreetCode}&month=2026-09");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"monthly-street-{TestPlace.Zhangcha.StreetCode}-2026-09.csv", csv.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,name,count,previous", lines[0]);
        Assert.Equal($"total,street:{TestPlace.Zhangcha.StreetCode},street:{TestPlace.Zhangcha.StreetCode},6,1", lines[1]);
        Assert.StartsWith($"category,{TestIncidents.ManholeItem},", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",4,", lines[2], StringComparison.Ordinal);
        Assert.Contains($"hotspot,{ZhangchaGrid},{ZhangchaGrid},5,", lines);
        Assert.Single(lines, l => l.StartsWith($"repeat,{ZhangchaGrid}/{TestIncidents.ManholeItem},", StringComparison.Ordinal) && l.EndsWith(",3,", StringComparison.Ordinal));
        Assert.Contains("trend,3,3,3,1", lines);
        Assert.Contains("hotline,投诉,投诉,3,", lines);
        Assert.Contains("hotline,咨询,咨询,1,", lines);
        Assert.Equal(ReportQueries.HotlineRequestKinds, lines.Where(l => l.StartsWith("hotline,", StringComparison.Ordinal)).Select(l => l.Split(',')[1]));
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
