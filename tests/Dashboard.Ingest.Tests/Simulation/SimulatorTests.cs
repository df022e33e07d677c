using System.Net;
using Dashboard.Ingest.Simulation;
using Dashboard.Ingest.Tests.Pipeline;
using Dashboard.TestSupport;

namespace Dashboard.Ingest.Tests.Simulation;

public sealed class SimulatorTests
{
    private static CityDay NewDay(int seed = 7) =>
        new(TestCity.Chancheng.City, TestCity.Chancheng.Devices, [TestCatalog.StreetVending], seed, malformedShare: 0.01);

    private static List<SimulatedMessage> PlayDay(CityDay day, int count)
    {
        var start = new DateTimeOffset(2025, 3, 4, 16, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i => day.Next(start.AddSeconds(i * 86_400.0 / count)))];
    }

    [Fact]
    public void A_simulated_day_is_mostly_grid_reports_and_telemetry_with_few_warnings_and_few_broken_messages()
    {
        var messages = PlayDay(NewDay(), 6000);

        var share = messages.GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => g.Count() / (double)messages.Count);
        Assert.True(share["grid"] + share["telemetry"] > 0.5, $"grid + telemetry were {share["grid"] + share["telemetry"]:P0}");
        Assert.True(share["camera"] > share["hotline"] && share["hotline"] > share["cap"], string.Join(", ", share));
        Assert.InRange(share["cap"], 0.001, 0.03);
        Assert.InRange(messages.Count(m => m.IsMalformed) / (double)messages.Count, 0.003, 0.02);
    }

    [Fact]
    public void Grid_workers_report_by_day_and_hardly_at_night()
    {
        var day = NewDay();
        var midnight = new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.FromHours(8));
        int GridReportsAt(int hour) => Enumerable.Range(0, 300).Count(i => day.Next(midnight.AddHours(hour).AddSeconds(i)).Kind == "grid");

        var morning = GridReportsAt(10);
        var night = GridReportsAt(3);

        Assert.True(morning > 5 * Math.Max(1, night), $"10:00 had {morning} grid reports, 03:00 had {night}");
        Assert.True(CityDay.ActivityAt(midnight.AddHours(12)) > 3 * CityDay.ActivityAt(midnight.AddHours(2)));
    }

    [Fact]
    public void The_same_seed_plays_the_same_day()
    {
        Assert.Equal(PlayDay(NewDay(3), 200).Select(m => m.Body), PlayDay(NewDay(3), 200).Select(m => m.Body));
        Assert.NotEqual(PlayDay(NewDay(3), 200).Select(m => m.Body), PlayDay(NewDay(4), 200).Select(m => m.Body));
    }

    [Fact]
    public async Task The_enabled_simulator_feeds_the_pipeline_through_its_http_endpoints()
    {
        await using var host = await IngestHost.StartAsync(new()
        {
            ["Simulator:Enabled"] = "true",
            ["Simulator:EventsPerSecond"] = "300",
            ["Simulator:MalformedShare"] = "0.05",
        });

        var sources = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sources.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var incidents = await host.Client.GetJsonAsync("/api/incidents");
            Assert.Equal(HttpStatusCode.OK, incidents.Status);
            foreach (var incident in incidents.Json.EnumerateArray())
            {
                sources.Add(incident.GetProperty("source").GetString()!);
            }
        }

        Assert.True(sources.Count >= 3, "incidents came from " + string.Join(", ", sources));
        var quarantine = await host.Client.GetJsonAsync("/api/quarantine");
        Assert.NotEmpty(quarantine.Json.EnumerateArray());
    }

    [Fact]
    public void Grid_workers_walk_their_own_grid_in_short_steps_and_their_uploads_parse()
    {
        var day = NewDay();
        var grids = new Dashboard.Core.City.GridIndex(TestCity.Chancheng.City);
        var start = new DateTimeOffset(2025, 3, 4, 2, 0, 0, TimeSpan.Zero);
        var parser = new Dashboard.Ingest.Feeds.Grid.GridReportParser();
        var tracks = Enumerable.Range(0, CityDay.PatrollerCount * 20)
            .Select(i => day.Patrol(start.AddSeconds(i * 2)))
            .Select(m => (Message: m, Track: parser.ParsePatrol(System.Text.Encoding.UTF8.GetBytes(m.Body))))
            .GroupBy(t => t.Track.WorkerId)
            .ToList();

        Assert.Equal(CityDay.PatrollerCount, tracks.Count);
        Assert.All(tracks, worker =>
        {
            Assert.All(worker, t => Assert.Equal("/api/feeds/grid/positions", t.Message.Path));
            var fixes = worker.SelectMany(t => t.Track.Positions).ToList();
            var cells = fixes.Select(p => grids.Locate(p.Position.Lon, p.Position.Lat).Grid?.Code.Value).Distinct().ToList();
            Assert.Single(cells);
            Assert.NotNull(cells[0]);
            // Steps of a person walking between fixes, and the worker does move.
            var steps = fixes.Zip(fixes.Skip(1), (a, b) => Dashboard.Core.Geo.GeoMath.DistanceMetres(a.Position.Lon, a.Position.Lat, b.Position.Lon, b.Position.Lat)).ToList();
            Assert.True(steps.Max() < 40, $"{worker.Key} jumped {steps.Max():0} m");
            Assert.True(steps.Sum() > 100, $"{worker.Key} walked only {steps.Sum():0} m");
        });
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(21, true)]
    [InlineData(22, false)]
    public void Grid_workers_patrol_from_seven_to_ten_at_night(int hour, bool patrolling) =>
        Assert.Equal(patrolling, CityDay.IsPatrolHour(new DateTimeOffset(2025, 3, 4, hour, 30, 0, TimeSpan.FromHours(8))));
}
