using System.Net;
using System.Net.Http.Json;
using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Live;
using Dashboard.Localization;
using Dashboard.Reports;
using Dashboard.Tests.Director;
using Dashboard.Tests.Reports;
using Dashboard.Tests.Wall;
using Dashboard.Wall;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Jobs;

/// <summary>
/// 自处置 is defined once (<see cref="HandledOnTheSpot"/>); the wall's KPI tile, the rollups and the daily report
/// must then give the same number for the same day, and a case only marked SelfHandled must count as open everywhere.
/// </summary>
public sealed class HandledOnTheSpotAgreementTests(WallFactory factory) : IClassFixture<WallFactory>
{
    private readonly WallFactory _factory = factory;

    [Fact]
    public async Task The_wall_the_rollups_and_the_daily_report_count_the_same_cases_handled_on_the_spot()
    {
        var services = _factory.Services;
        // The factory's clock starts on Monday 2026-11-16 at 10:00 Asia/Shanghai.
        var day = DateOnly.FromDateTime(ChinaTime.ToChina(WallFactory.WeekEarlier).DateTime);
        var shiwanGrid = TestPlace.Shiwan.CommunityCode + "001";
        var zhangchaGrid = TestPlace.Zhangcha.CommunityCode + "001";
        // Closed on the spot through the grid app (SelfHandle + Close), in two streets.
        await ReportSeed.CreateAsync(services, shiwanGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(day, 8), closeOnTheSpot: true);
        await ReportSeed.CreateAsync(services, zhangchaGrid, TestIncidents.OnTheSpotItem, ReportSeed.At(day, 9), closeOnTheSpot: true);
        // Marked SelfHandled but not closed yet: open, not handled on the spot.
        await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.SelfHandled, onTheSpot: true);
        // Closed through the departments: closed, not on the spot.
        await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Closed);
        _factory.Time.SetUtcNow(ReportSeed.At(day, 23));

        using var client = _factory.CreatePlainClient();
        var response = await client.GetAsync(new Uri($"/api/wall/snapshot?scope={WallFactory.DistrictScope}&token={WallFactory.DistrictToken}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wall = (await response.Content.ReadFromJsonAsync<WallSnapshot>())!.Stats.Kpis;

        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RollupBuilder>().RebuildDayAsync(day, default);
        var dayStart = RollupBuilder.LocalMidnightUtc(day, ChinaTime.Zone);
        var streets = await scope.ServiceProvider.GetRequiredService<IRollupQueries>().TopAsync(RollupGrain.Day, RollupDimension.Street, dayStart, dayStart.AddDays(1), 100);
        var report = await scope.ServiceProvider.GetRequiredService<ReportQueries>().DailyAsync(new ReportScope(LiveScopeKind.District, "440604"), day, default);

        Assert.Equal(2, wall.HandledOnTheSpot);
        Assert.Equal(2, streets.Sum(s => s.HandledOnTheSpot));
        Assert.Equal(2, report.Totals.HandledOnTheSpot);
        Assert.Equal(1, Assert.Single(streets, s => s.Key == TestPlace.Shiwan.StreetCode).HandledOnTheSpot);
        // Three of the four are closed; the one only marked SelfHandled is open and not in the closure rate.
        Assert.Equal(3, report.Totals.Closed);
        Assert.Equal(0.75, wall.ClosureRate);
        Assert.Equal(1, wall.Open);
    }
}
