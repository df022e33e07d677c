using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.Ingest;
using Dashboard.Ingest.Apis;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Wall;

/// <summary>
/// A wall left open through a real server restart: the Dashboard process stops and starts again on the same port
/// and database, as in a deployment, while the ingest worker keeps taking events.
/// </summary>
public sealed class WallRestartTests : IAsyncLifetime
{
    private readonly string _userDataDir = Directory.CreateTempSubdirectory("dashboard-e2e-restart-").FullName;
    private readonly string _database = DashboardServer.NewDatabasePath();
    // Replaced by a new instance on restart; disposed in DisposeAsync.
    private DashboardServer? Server { get; set; }
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public async Task InitializeAsync()
    {
        if (!Chromium.IsAvailable && !Chromium.IsRequired)
        {
            return; // the test is a [ChromiumFact] and skips
        }

        Server = new DashboardServer(_database, port: 0);
        _ = Server.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_userDataDir, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = [.. Chromium.LaunchArguments],
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "en-US",
            TimezoneId = "Asia/Shanghai",
        });
    }

    [ChromiumFact]
    public async Task After_the_server_restarts_the_wall_comes_back_online_by_itself_and_shows_events_from_the_outage_and_after_exactly_once()
    {
        var server = Server!;
        var address = server.BaseAddress;
        var page = await _browser!.NewPageAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await page.GotoAsync(new Uri(address, "/wall").ToString());
        await page.Locator("[data-wall-map][data-incidents-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
        var status = page.Locator("[data-live-status]");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 15_000 });
        navigations = 0;

        await server.DisposeAsync();
        await Assertions.Expect(status).Not.ToHaveAttributeAsync("data-state", "online", new() { Timeout = 30_000 });
        string duringOutage;
        await using (var worker = await IngestWorker.StartAsync(_database))
        {
            duringOutage = await PostCameraEventAsync(worker.Client, TestCity.Chancheng.Devices.Cameras[21].Id, "乱堆物料");
        }

        Server = new DashboardServer(_database, address.Port);
        Assert.Equal(address, Server.BaseAddress);
        // The client retries on a backoff of up to 30 s (±20 %), so coming back can take that long.
        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 90_000 });
        using var client = Server.CreateClient();
        var afterRestart = await PostCameraEventAsync(client, TestCity.Chancheng.Devices.Cameras[33].Id, "暴露垃圾");

        foreach (var number in new[] { duringOutage, afterRestart })
        {
            await page.Locator($"[data-wall-ticker] [data-number='{number}']").WaitForAsync(new() { Timeout = 15_000 });
        }

        // Give a duplicate (a catch-up overlapping the live stream) time to show before counting.
        await page.WaitForTimeoutAsync(1500);
        foreach (var number in new[] { duringOutage, afterRestart })
        {
            Assert.Equal(1, await page.Locator($"[data-wall-ticker] [data-number='{number}']").CountAsync());
            Assert.Equal(1, await page.Locator($"[data-incident='{number}']").CountAsync());
        }

        Assert.Equal(0, navigations);
    }

    private static async Task<string> PostCameraEventAsync(HttpClient client, string cameraId, string eventType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/camera/events")
        {
            Content = JsonContent.Create(new
            {
                eventId = $"E2E-RESTART-{Guid.NewGuid():N}",
                cameraId,
                channel = 1,
                eventType,
                state = "active",
                occurredAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                confidence = 0.93,
            }),
        };
        request.Headers.Add("X-Api-Key", "demo-key");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("events")[0].GetProperty("incident").GetString()!;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_userDataDir, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; a temp folder left behind is harmless.
        }
    }

    /// <summary>
    /// The standalone ingest worker's composition (AddCityStore + AddIngest + MapFeeds) over the Dashboard's database,
    /// in memory: it keeps accepting feed events while the Dashboard is down.
    /// </summary>
    private sealed class IngestWorker : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private IngestWorker(WebApplication app)
        {
            _app = app;
            Client = app.GetTestClient();
        }

        public HttpClient Client { get; }

        public static async Task<IngestWorker> StartAsync(string database)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Store:Provider"] = "Sqlite",
                ["Store:ConnectionString"] = $"Data Source={database}",
                ["Store:AssetsPath"] = TestPaths.Assets,
                ["Ingest:DemoKeys"] = "true",
                ["Simulator:Enabled"] = "false",
            });
            builder.Services.AddCityStore(builder.Configuration);
            builder.Services.AddIngest(builder.Configuration);
            var app = builder.Build();
            app.MapFeeds();
            await app.StartAsync();
            return new IngestWorker(app);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
