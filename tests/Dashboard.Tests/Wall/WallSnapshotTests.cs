using System.Net;
using System.Net.Http.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Tests.Director;
using Dashboard.Wall;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Wall;

/// <summary>
/// The numbers on the wall are the numbers in the store: each KPI tile and series of <c>/api/wall/snapshot</c>
/// is compared with a plain count over every incident the store holds, after arranging a week-old backlog and a
/// morning's cases in two streets.
/// </summary>
public sealed class WallSnapshotTests(WallSnapshotTests.Server server) : IClassFixture<WallSnapshotTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public WallFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            var services = Factory.Services;

            // A week ago: cases whose SLA has long run out while still open, and one closed back then.
            Assert.Equal(WallFactory.WeekEarlier, Factory.Time.GetUtcNow());
            await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Dispatched);
            await TestIncidents.CreateAsync(services, TestPlace.Zhangcha, IncidentStatus.Accepted);
            await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Closed);

            // This morning.
            Factory.Time.SetUtcNow(WallFactory.Monday10China);
            await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Reported);
            await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Dispatched);
            await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Closed);
            await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.SelfHandled, onTheSpot: true);
            await TestIncidents.CreateAsync(services, TestPlace.Zhangcha, IncidentStatus.Registered);
            await TestIncidents.CreateAsync(services, TestPlace.Zhangcha, IncidentStatus.Closed);
            Factory.Time.Advance(TimeSpan.FromMinutes(30));
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        public async Task<WallSnapshot> SnapshotAsync(string scope)
        {
            using var client = Factory.CreatePlainClient();
            var response = await client.GetAsync(new Uri($"/api/wall/snapshot?scope={scope}&token={WallFactory.DistrictToken}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<WallSnapshot>())!;
        }

        public async Task<List<Incident>> AllIncidentsAsync()
        {
            var contexts = Factory.Services.GetRequiredService<IDbContextFactory<CityDbContext>>();
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Set<Incident>().AsNoTracking().ToListAsync();
        }
    }

    private static readonly IncidentStatus[] Finished = [IncidentStatus.Closed, IncidentStatus.Merged, IncidentStatus.Rejected];

    [Fact]
    public async Task The_district_tiles_equal_counts_over_the_stored_incidents()
    {
        var snapshot = await server.SnapshotAsync(WallFactory.DistrictScope);
        var all = await server.AllIncidentsAsync();
        var now = server.Factory.Time.GetUtcNow();
        var startOfChinaDay = new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero);
        var today = all.Where(i => i.ReportedUtc >= startOfChinaDay).ToList();
        var open = all.Where(i => !Finished.Contains(i.Status)).ToList();
        var kpis = snapshot.Stats.Kpis;

        Assert.Equal(today.Count, kpis.Found);
        Assert.Equal(open.Count, kpis.Open);
        Assert.Equal(open.Count(i => i.DueUtc < now), kpis.Overdue);
        Assert.Equal(
            Math.Round((double)today.Count(i => i.Status == IncidentStatus.Closed) / today.Count, 4),
            kpis.ClosureRate);

        // The arrangement itself, so that equal counts cannot come from an empty store or a clock that never moved.
        Assert.Equal(6, kpis.Found);
        // A self-handled case stays open until it is closed (自行处置 → 结案), in the closure rate too (HandledOnTheSpot).
        Assert.Equal(6, kpis.Open);
        Assert.Equal(2, kpis.Overdue);
        Assert.Equal(0.3333, kpis.ClosureRate);
        Assert.Equal(0, kpis.HandledOnTheSpot);
    }

    [Fact]
    public async Task The_street_and_category_charts_count_today_s_incidents_per_street_and_per_major_class()
    {
        var snapshot = await server.SnapshotAsync(WallFactory.DistrictScope);
        var catalog = server.Factory.Services.GetRequiredService<InspectionCatalog>();
        var startOfChinaDay = new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero);
        var today = (await server.AllIncidentsAsync()).Where(i => i.ReportedUtc >= startOfChinaDay).ToList();

        var expectedStreets = today.GroupBy(i => i.Location.StreetCode!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expectedStreets, snapshot.Stats.ByStreet.ToDictionary(s => s.Code, s => s.Count));
        Assert.Equal(new Dictionary<string, int> { [TestPlace.Shiwan.StreetCode] = 4, [TestPlace.Zhangcha.StreetCode] = 2 }, expectedStreets);

        // 部件 and 事件 both have a major class 01: they are two bars, not one, and not two with the same key.
        var expectedCategories = today.Select(i => catalog.GetItem(i.ItemCode)).GroupBy(item => (item.Kind, item.MajorClassCode))
            .Select(g => (g.First().MajorClassName, g.Count())).Order().ToList();
        Assert.Equal(expectedCategories, snapshot.Stats.ByCategory.Select(c => (c.Name, c.Count)).Order());
        Assert.Equal(2, expectedCategories.Count);
        Assert.Equal(snapshot.Stats.ByCategory.Count, snapshot.Stats.ByCategory.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public async Task The_24_hour_chart_puts_this_morning_s_incidents_in_the_current_hour_and_the_week_old_ones_nowhere()
    {
        var snapshot = await server.SnapshotAsync(WallFactory.DistrictScope);

        Assert.Equal(24, snapshot.Stats.PerHour.Count);
        Assert.Equal("10", snapshot.Stats.PerHour[^1].Label);
        Assert.Equal("11", snapshot.Stats.PerHour[0].Label);
        Assert.Equal(6, snapshot.Stats.PerHour[^1].Count);
        Assert.Equal(6, snapshot.Stats.PerHour.Sum(h => h.Count));
    }

    [Fact]
    public async Task A_street_wall_shows_only_that_street_s_incidents_and_counts()
    {
        var street = await server.SnapshotAsync(WallFactory.StreetScope);
        var district = await server.SnapshotAsync(WallFactory.DistrictScope);
        var all = await server.AllIncidentsAsync();
        var shiwan = all.Where(i => i.Location.StreetCode == TestPlace.Shiwan.StreetCode).ToList();

        Assert.Equal(WallFactory.StreetScope, street.Scope);
        Assert.All(street.Incidents, i => Assert.Equal(TestPlace.Shiwan.StreetCode, i.Street));
        Assert.All(street.Ticker, i => Assert.Equal(TestPlace.Shiwan.StreetCode, i.Street));
        Assert.Equal(shiwan.Where(i => !Finished.Contains(i.Status)).Select(i => i.Number).Order(), street.Incidents.Select(i => i.Number).Order());
        Assert.Equal(shiwan.Select(i => i.Number).Order(), street.Ticker.Select(i => i.Number).Order());
        Assert.Equal([TestPlace.Shiwan.StreetCode], street.Stats.ByStreet.Select(s => s.Code));
        Assert.Equal(4, street.Stats.Kpis.Found);

        // The district wall of the same moment does show the other street's cases.
        Assert.Contains(district.Incidents, i => i.Street == TestPlace.Zhangcha.StreetCode);
        Assert.Equal(all.Count, district.Ticker.Count);
    }
}
