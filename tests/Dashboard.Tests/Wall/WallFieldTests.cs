using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dashboard.Core.Incidents;
using Dashboard.Tests.Director;
using Dashboard.Wall;

namespace Dashboard.Tests.Wall;

/// <summary>What the wall's map shows besides incidents: the choropleth's per-grid counts, grid workers' patrols, cameras.</summary>
public sealed class WallFieldTests(WallFieldTests.Server server) : IClassFixture<WallFieldTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public WallFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            // A week ago, twice the same problem in Shiwan's test grid: one still open (and long overdue), one closed.
            await TestIncidents.CreateAsync(Factory.Services, TestPlace.Shiwan, IncidentStatus.Dispatched);
            await TestIncidents.CreateAsync(Factory.Services, TestPlace.Shiwan, IncidentStatus.Closed);
            Factory.Time.SetUtcNow(WallFactory.Monday10China);
            await TestIncidents.CreateAsync(Factory.Services, TestPlace.Shiwan, IncidentStatus.Registered);
            await TestIncidents.CreateAsync(Factory.Services, TestPlace.Zhangcha, IncidentStatus.Reported);
            Factory.Time.Advance(TimeSpan.FromMinutes(5));
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        public async Task<T> GetAsync<T>(string path)
        {
            using var client = Factory.CreatePlainClient();
            var response = await client.GetAsync(new Uri($"{path}&token={WallFactory.DistrictToken}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<T>())!;
        }

        public async Task PostPositionsAsync(string worker, params (double Lon, double Lat, DateTimeOffset At)[] fixes)
        {
            using var client = Factory.CreatePlainClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/grid/positions")
            {
                Content = JsonContent.Create(new
                {
                    workerId = worker,
                    crs = "wgs84",
                    positions = fixes.Select(f => new { lon = f.Lon, lat = f.Lat, at = f.At.ToString("O", CultureInfo.InvariantCulture) }),
                }),
            };
            request.Headers.Add("X-Api-Key", "demo-key");
            var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_choropleth_counts_open_and_overdue_cases_and_repeats_of_the_same_problem_per_grid()
    {
        var snapshot = await server.GetAsync<WallSnapshot>($"/api/wall/snapshot?scope={WallFactory.DistrictScope}");
        var shiwanGrid = TestPlace.Shiwan.CommunityCode + "001";
        var zhangchaGrid = TestPlace.Zhangcha.CommunityCode + "001";

        // Shiwan's grid: the week-old dispatched case (overdue) and this morning's; three reports of one item in 30 days.
        Assert.Equal(new WallAreaCount(shiwanGrid, Open: 2, Overdue: 1, Recurring: 2), snapshot.Stats.Areas.Single(a => a.Grid == shiwanGrid));
        Assert.Equal(new WallAreaCount(zhangchaGrid, Open: 1, Overdue: 0, Recurring: 0), snapshot.Stats.Areas.Single(a => a.Grid == zhangchaGrid));
        Assert.Equal(snapshot.Stats.Kpis.Open, snapshot.Stats.Areas.Sum(a => a.Open));
    }

    [Fact]
    public async Task A_worker_s_uploaded_positions_become_today_s_track_in_time_order_and_mark_them_on_duty()
    {
        var now = server.Factory.Time.GetUtcNow();
        // Uploaded out of order, as phones do with queued fixes; two uploads make one track.
        await server.PostPositionsAsync("WG-440604010-0001", (113.101, 23.001, now.AddMinutes(-3)), (113.100, 23.000, now.AddMinutes(-4)));
        await server.PostPositionsAsync("WG-440604010-0001", (113.102, 23.002, now.AddMinutes(-1)));

        var field = await server.GetAsync<WallField>($"/api/wall/field?scope={WallFactory.DistrictScope}");

        var worker = Assert.Single(field.Workers, w => w.Id == "WG-440604010-0001");
        Assert.Equal([[113.100, 23.000], [113.101, 23.001], [113.102, 23.002]], worker.Track);
        Assert.True(worker.OnDuty);
        Assert.Equal((113.102, 23.002), (worker.Lon, worker.Lat));
        Assert.NotEmpty(field.Cameras);
        Assert.Contains(field.Cameras, c => !c.Online);
    }

    [Fact]
    public async Task A_camera_whose_video_is_lost_shows_offline_on_the_map()
    {
        var camera = Dashboard.TestSupport.TestCity.Chancheng.Devices.Cameras.First(c => c.IsOnline);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
              <ipAddress>10.44.6.21</ipAddress>
              <channelID>{camera.IsapiChannel}</channelID>
              <dateTime>{server.Factory.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd'T'HH:mm:sszzz}</dateTime>
              <activePostCount>1</activePostCount>
              <eventType>videoloss</eventType>
              <eventState>active</eventState>
              <eventDescription>videoloss alarm</eventDescription>
              <Extensions><serialNumber>{camera.IsapiDeviceSerial}</serialNumber></Extensions>
            </EventNotificationAlert>
            """;
        using var client = server.Factory.CreatePlainClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/camera/isapi") { Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml") };
        request.Headers.Add("X-Api-Key", "demo-key");
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var field = await server.GetAsync<WallField>($"/api/wall/field?scope={WallFactory.DistrictScope}");

        Assert.False(field.Cameras.Single(c => c.Id == camera.Id).Online);
    }
}
