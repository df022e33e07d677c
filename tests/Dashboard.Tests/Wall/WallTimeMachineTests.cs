using System.Net;
using System.Net.Http.Json;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Director;
using Dashboard.Tests.Director;
using Dashboard.Wall;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Wall;

/// <summary>
/// The time machine: <c>/api/wall/replay</c> and <c>/wall?at=</c> show the wall as it was, rebuilt from the change log.
/// Arranged: a week-old overdue case, this morning a case dispatched at 10:00 and closed at 10:30, another reported
/// at 10:00; the clock stands at 11:00.
/// </summary>
public sealed class WallTimeMachineTests(WallTimeMachineTests.Server server) : IClassFixture<WallTimeMachineTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public WallFactory Factory { get; } = new();

        public string WeekOld { get; private set; } = "";

        public string ClosedAtHalfPast { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var services = Factory.Services;
            WeekOld = await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Dispatched);
            Factory.Time.SetUtcNow(WallFactory.Monday10China);
            ClosedAtHalfPast = await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Dispatched);
            await TestIncidents.CreateAsync(services, TestPlace.Zhangcha, IncidentStatus.Reported);

            Factory.Time.Advance(TimeSpan.FromMinutes(30));
            var workflow = services.GetRequiredService<IncidentWorkflow>();
            await using (var db = await services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync())
            {
                var incident = (await IncidentActions.Load(db, ClosedAtHalfPast, CancellationToken.None))!;
                var actor = Actor.System("test");
                workflow.Accept(incident, actor);
                workflow.Handle(incident, actor);
                workflow.Verify(incident, actor);
                workflow.RecordCallback(incident, actor, satisfied: true, "市民满意");
                workflow.Close(incident, actor);
                await db.SaveChangesAsync();
            }

            Factory.Time.Advance(TimeSpan.FromMinutes(30));
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        public async Task<HttpResponseMessage> GetAsync(string path)
        {
            using var client = Factory.CreatePlainClient();
            return await client.GetAsync(new Uri($"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}token={WallFactory.DistrictToken}", UriKind.Relative));
        }

        public async Task<WallSnapshot> ReplayAsync(string at)
        {
            var response = await GetAsync($"/api/wall/replay?scope={WallFactory.DistrictScope}&at={Uri.EscapeDataString(at)}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<WallSnapshot>())!;
        }
    }

    [Fact]
    public async Task A_replay_of_the_present_shows_what_the_live_wall_shows()
    {
        var live = (await (await server.GetAsync($"/api/wall/snapshot?scope={WallFactory.DistrictScope}")).Content.ReadFromJsonAsync<WallSnapshot>())!;
        var replay = await server.ReplayAsync(server.Factory.Time.GetUtcNow().ToString("O"));

        Assert.Equal(live.Stats.Kpis with { SensorsInAlarm = 0 }, replay.Stats.Kpis);
        Assert.Equal(live.Incidents.Select(i => (i.Number, i.Status)).Order(), replay.Incidents.Select(i => (i.Number, i.Status)).Order());
        Assert.Equal(live.Stats.Dispatch, replay.Stats.Dispatch);
        Assert.Equal(live.Stats.Areas, replay.Stats.Areas);
        Assert.Equal(live.Stats.ByStreet, replay.Stats.ByStreet);
        Assert.Equal(live.Ticker.Select(i => i.Number), replay.Ticker.Select(i => i.Number));
        Assert.Null(live.ReplayAt);
        Assert.NotNull(replay.ReplayAt);
    }

    [Fact]
    public async Task At_ten_fifteen_the_case_closed_at_half_past_ten_is_still_waiting_for_its_department()
    {
        var before = await server.ReplayAsync("2026-11-23T10:15");
        var after = await server.ReplayAsync("2026-11-23T10:45");

        Assert.Equal("Dispatched", before.Incidents.Single(i => i.Number == server.ClosedAtHalfPast).Status);
        Assert.Equal(0, before.Stats.Kpis.Closed);
        Assert.Equal(2, before.Stats.Dispatch.Single(d => d.Code == "SW").Waiting);
        Assert.DoesNotContain(after.Incidents, i => i.Number == server.ClosedAtHalfPast);
        Assert.Equal("Closed", after.Ticker.Single(i => i.Number == server.ClosedAtHalfPast).Status);
        Assert.Equal(1, after.Stats.Kpis.Closed);
        Assert.Equal(1, after.Stats.Dispatch.Single(d => d.Code == "SW").Waiting);
    }

    [Fact]
    public async Task Before_the_morning_the_wall_held_only_the_week_old_backlog()
    {
        var early = await server.ReplayAsync("2026-11-23T09:00");

        Assert.Equal([server.WeekOld], early.Incidents.Select(i => i.Number));
        Assert.Equal(0, early.Stats.Kpis.Found);
        Assert.Equal(1, early.Stats.Kpis.Overdue);
        Assert.Equal(1, early.Stats.Areas.Single().Overdue);
    }

    [Theory]
    [InlineData("2026-11-24T10:00", "in the future")]
    [InlineData("yesterday", "is not a time")]
    public async Task A_replay_time_that_is_not_in_the_past_is_refused_naming_the_field(string at, string problem)
    {
        var response = await server.GetAsync($"/api/wall/replay?scope={WallFactory.DistrictScope}&at={at}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("at:", body, StringComparison.Ordinal);
        Assert.Contains(problem, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wall_page_at_a_past_instant_says_replay_across_the_top()
    {
        var response = await server.GetAsync("/wall?at=2026-11-23T10:15");
        var document = await DashboardFactory.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var banner = document.QuerySelector("[data-replay-banner]")!;
        Assert.False(banner.HasAttribute("hidden"));
        Assert.Contains("回放", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 10:15", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", document.QuerySelector("[data-wall]")!.GetAttribute("data-replay"));
        Assert.True(document.QuerySelector("[data-replay-banner]") is not null && (await (await server.GetAsync("/wall")).Content.ReadAsStringAsync()).Contains("data-replay=\"false\"", StringComparison.Ordinal));
    }
}
