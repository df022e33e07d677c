using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Browser;
using Dashboard.Wall;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Wall;

/// <summary>
/// The wall's views in Chromium against the real app: one screen per role, the rotation, follow-critical, a director
/// driving the wall from a laptop, the choropleth and the time machine; and screenshots of a busy district with the
/// duty desk at work, for people to look at.
/// </summary>
public sealed class WallViewsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo-Chancheng-2026!";
    private static readonly string[] EventTypes = ["占道经营", "出店经营", "乱堆物料", "暴露垃圾", "非机动车乱停放", "道路积水"];
    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static bool seeded;

    /// <summary>
    /// A busy district: camera events over the last ten hours, grid workers walking their grids, and the duty desk (without
    /// its dwell, so the test need not wait) moving the cases along as the demo users.
    /// </summary>
    private async Task SeedAsync()
    {
        await SeedGate.WaitAsync();
        try
        {
            if (seeded)
            {
                return;
            }

            seeded = true;
            var cameras = TestCity.Chancheng.Devices.Cameras;
            for (var i = 0; i < 120; i++)
            {
                var camera = cameras[(i * 41) % cameras.Count];
                await PostCameraEventAsync(camera.Id, EventTypes[i % EventTypes.Length], $"VIEW-{i:D4}", TimeSpan.FromMinutes(-i * 5));
            }

            // Grid workers' reports of problems that go to departments (manholes, signs, dirty roads), so the board has rows.
            string[] dispatched = ["井盖缺失", "违规户外广告", "道路不洁", "暴露垃圾"];
            for (var i = 0; i < 40; i++)
            {
                var camera = cameras[((i * 29) + 7) % cameras.Count];
                await PostAsync("/api/feeds/grid/reports", new
                {
                    reportId = $"GR-E2E-{i:D4}",
                    workerId = $"WG-E2E-{i % 10:D2}",
                    gridCode = camera.GridCode.Value,
                    submittedAt = DateTimeOffset.UtcNow.AddMinutes(-i * 7).ToString("O", CultureInfo.InvariantCulture),
                    lon = camera.Longitude + 0.0002,
                    lat = camera.Latitude + 0.0002,
                    crs = "wgs84",
                    items = new[] { new { itemName = dispatched[i % dispatched.Length], anomaly = true, handledOnTheSpot = false } },
                });
            }

            var now = DateTimeOffset.UtcNow;
            for (var w = 0; w < 10; w++)
            {
                var start = cameras[((w * 57) + 3) % cameras.Count];
                var fixes = Enumerable.Range(0, 30).Select(k => new
                {
                    lon = start.Longitude + (Math.Sin((w + k) / 4.0) * 0.0004 * k / 3),
                    lat = start.Latitude + (Math.Cos((w + k) / 5.0) * 0.0004 * k / 3),
                    at = now.AddMinutes(-(30 - k) * 2).ToString("O", CultureInfo.InvariantCulture),
                });
                await PostAsync("/api/feeds/grid/positions", new { workerId = $"WG-E2E-{w:D2}", crs = "wgs84", positions = fixes });
            }

            var options = browser.Server.Services.GetRequiredService<IOptions<DutyDeskOptions>>().Value;
            options.DwellSeconds = 0;
            options.ActionsPerRound = 6;
            var desk = browser.Server.Services.GetRequiredService<DutyDesk>();
            for (var round = 0; round < 30; round++)
            {
                await desk.RunRoundAsync(CancellationToken.None);
            }
        }
        finally
        {
            SeedGate.Release();
        }
    }

    private async Task<string> PostCameraEventAsync(string cameraId, string eventType, string eventId, TimeSpan ago = default)
    {
        var body = await PostAsync("/api/feeds/camera/events", new
        {
            eventId,
            cameraId,
            channel = 1,
            eventType,
            state = "active",
            occurredAt = DateTimeOffset.UtcNow.Add(ago).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            confidence = 0.93,
        });
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("events")[0].GetProperty("incident").GetString()!;
    }

    private async Task<string> PostAsync(string path, object payload)
    {
        using var client = browser.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(payload) };
        request.Headers.Add("X-Api-Key", "demo-key");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    private async Task<IPage> OpenWallAsync(string path, int width = 1920, int height = 1080)
    {
        await SeedAsync();
        var page = await browser.Context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(browser.Server.BaseAddress, path).ToString());
        await Assertions.Expect(page.Locator("[data-live-status]")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 15_000 });
        return page;
    }

    private static Task WaitForMapAsync(IPage page) =>
        page.Locator("[data-wall-map][data-incidents-ready='true'][data-field-ready='true']").WaitForAsync(new() { Timeout = 30_000 });

    [ChromiumTheory]
    [InlineData("map", new[] { "[data-wall-map]", "[data-map-legend]" }, new[] { "[data-wall-kpis]", "[data-wall-ticker]", "[data-wall-chart='perHour']" })]
    [InlineData("kpi", new[] { "[data-wall-kpis]", "[data-wall-chart='perHour']", "[data-wall-chart='sla']" }, new[] { "[data-wall-map]", "[data-wall-ticker]" })]
    [InlineData("feed", new[] { "[data-wall-ticker]", "[data-wall-board]" }, new[] { "[data-wall-map]", "[data-wall-kpis]", "[data-wall-chart='perHour']" })]
    public async Task Each_screen_of_a_multi_screen_wall_shows_its_own_part_and_only_that(string role, string[] shown, string[] hidden)
    {
        var page = await OpenWallAsync($"/wall?role={role}", 3840, 2160);

        foreach (var selector in shown)
        {
            await Assertions.Expect(page.Locator(selector).First).ToBeVisibleAsync();
        }

        foreach (var selector in hidden)
        {
            await Assertions.Expect(page.Locator(selector).First).ToBeHiddenAsync();
        }

        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_map_screen_shades_streets_with_a_legend_and_opens_grids_when_a_street_is_picked()
    {
        var page = await OpenWallAsync("/wall?role=map");
        await WaitForMapAsync(page);
        var legend = page.Locator("[data-map-legend]");

        await Assertions.Expect(legend).ToHaveAttributeAsync("data-level", "street");
        await Assertions.Expect(legend).ToContainTextAsync("在办案件");
        await Assertions.Expect(legend).ToContainTextAsync("镇街");
        Assert.True(int.Parse(await legend.GetAttributeAsync("data-units") ?? "0", CultureInfo.InvariantCulture) > 0, "no unit is shaded");

        // Drill-down: a click on a street opens it, and the shading goes down to communities or grids.
        var box = (await page.Locator("[data-wall-map]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await Assertions.Expect(page.Locator("[data-wall]")).ToHaveAttributeAsync("data-street", new System.Text.RegularExpressions.Regex("^440604[0-9]{3}$"), new() { Timeout = 15_000 });
        await Assertions.Expect(legend).Not.ToHaveAttributeAsync("data-level", "street", new() { Timeout = 15_000 });

        await page.GotoAsync(new Uri(browser.Server.BaseAddress, "/wall?role=map&street=440604010&metric=overdue").ToString());
        await WaitForMapAsync(page);
        await Assertions.Expect(legend).Not.ToHaveAttributeAsync("data-level", "street");
        await Assertions.Expect(legend).ToHaveAttributeAsync("data-metric", "overdue");
        await Assertions.Expect(legend).ToContainTextAsync("超期率");

        // Patrols and cameras are on the map too.
        var map = page.Locator("[data-wall-map]");
        Assert.True(int.Parse(await map.GetAttributeAsync("data-workers-on-duty") ?? "0", CultureInfo.InvariantCulture) > 0, "no grid worker on duty");
        Assert.True(int.Parse(await map.GetAttributeAsync("data-cameras-offline") ?? "0", CultureInfo.InvariantCulture) > 0, "no offline camera marked");
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_rotating_wall_moves_on_from_the_overview_to_the_next_measure()
    {
        var page = await OpenWallAsync("/wall?rotate=5");
        await WaitForMapAsync(page);
        var wall = page.Locator("[data-wall]");
        await Assertions.Expect(wall).ToHaveAttributeAsync("data-view", "overview:open");

        await Assertions.Expect(wall).ToHaveAttributeAsync("data-view", "overview:overdue", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-map-legend]")).ToHaveAttributeAsync("data-metric", "overdue");
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_critical_incident_takes_the_map_with_a_card_naming_it()
    {
        var page = await OpenWallAsync("/wall");
        await WaitForMapAsync(page);

        var number = await PostCameraEventAsync(TestCity.Chancheng.Devices.Cameras[77].Id, "烟火", $"FIRE-{Guid.NewGuid():N}");

        var card = page.Locator("[data-critical-card]");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(card).ToHaveAttributeAsync("data-number", number);
        await Assertions.Expect(card).ToContainTextAsync("紧急事件");
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_director_sends_a_view_from_the_laptop_and_the_street_wall_follows_but_another_street_s_wall_is_refused()
    {
        var wall = await OpenWallAsync("/wall?scope=street:440604010");
        await WaitForMapAsync(wall);
        var laptop = await browser.Context.NewPageAsync();
        try
        {
            await laptop.SetViewportSizeAsync(1366, 768);
            await laptop.GotoAsync(new Uri(browser.Server.BaseAddress, "/account/login?returnUrl=/workspace").ToString());
            await laptop.FillAsync("input[name='username']", "director.shiwan");
            await laptop.FillAsync("input[name='password']", Password);
            await laptop.ClickAsync("form[data-sign-in] button[type='submit']");
            await laptop.WaitForURLAsync(url => url.Contains("/workspace", StringComparison.Ordinal));

            await laptop.GotoAsync(new Uri(browser.Server.BaseAddress, "/wall?layout=laptop&scope=street:440604010&street=440604010").ToString());
            await WaitForMapAsync(laptop);
            await laptop.ClickAsync("[data-drive-wall]");
            var result = laptop.Locator("[data-drive-result]");
            await Assertions.Expect(result).Not.ToHaveTextAsync("…", new() { Timeout = 15_000 });
            Assert.True(await result.GetAttributeAsync("data-outcome") == "sent", await result.InnerTextAsync());

            await Assertions.Expect(wall.Locator("[data-wall]")).ToHaveAttributeAsync("data-driven-by", "石湾镇街道主任", new() { Timeout = 15_000 });
            await Assertions.Expect(wall.Locator("[data-wall]")).ToHaveAttributeAsync("data-driven-street", "440604010");
            await Assertions.Expect(wall.Locator("[data-driven-badge]")).ToContainTextAsync("石湾镇街道主任");

            await laptop.GotoAsync(new Uri(browser.Server.BaseAddress, "/wall?layout=laptop&scope=street:440604011").ToString());
            await WaitForMapAsync(laptop);
            await laptop.ClickAsync("[data-drive-wall]");
            var refused = laptop.Locator("[data-drive-result]");
            await Assertions.Expect(refused).ToHaveAttributeAsync("data-outcome", "refused", new() { Timeout = 15_000 });
            await Assertions.Expect(refused).ToContainTextAsync("street:440604010");
        }
        finally
        {
            // The context is shared: the next test's walls must not talk to the hub as this director.
            await browser.Context.ClearCookiesAsync();
            await laptop.CloseAsync();
            await wall.CloseAsync();
        }
    }

    [ChromiumFact]
    public async Task The_laptop_s_time_machine_shows_the_past_under_a_replay_banner_and_comes_back_to_live()
    {
        var page = await OpenWallAsync("/wall?layout=laptop", 1366, 768);
        await WaitForMapAsync(page);
        var banner = page.Locator("[data-replay-banner]");
        await Assertions.Expect(banner).ToBeHiddenAsync();

        await page.Locator("[data-replay-slider]").FillAsync("-600");
        await page.Locator("[data-replay-slider]").DispatchEventAsync("change");

        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("回放");
        Assert.Contains("at=", page.Url, StringComparison.Ordinal);

        await page.ClickAsync("[data-back-to-live]");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        Assert.DoesNotContain("at=", page.Url, StringComparison.Ordinal);

        // Opened at a past instant by URL (a briefing's link): the busy district as it was, under the banner.
        var at = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O", CultureInfo.InvariantCulture);
        await page.GotoAsync(new Uri(browser.Server.BaseAddress, $"/wall?layout=laptop&at={Uri.EscapeDataString(at)}").ToString());
        await WaitForMapAsync(page);
        await Assertions.Expect(banner).ToBeVisibleAsync();
        Assert.True(await page.Locator("[data-wall-ticker] > li").CountAsync() > 0, "the replayed ticker is empty");
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "wall-laptop-replay-1366x768.png") });
        await page.CloseAsync();
    }

    [ChromiumTheory]
    [InlineData("/wall", 3840, 2160, "wall-demo-3840x2160")]
    [InlineData("/wall", 1920, 1080, "wall-demo-1920x1080")]
    [InlineData("/wall?layout=laptop", 1366, 768, "wall-laptop-1366x768")]
    [InlineData("/wall?layout=laptop", 1920, 1080, "wall-laptop-1920x1080")]
    public async Task A_busy_wall_has_no_empty_panel_and_no_overlapping_labels(string path, int width, int height, string name)
    {
        var page = await OpenWallAsync(path, width, height);
        await WaitForMapAsync(page);
        await page.EvaluateAsync("document.fonts.ready");
        await page.WaitForTimeoutAsync(2500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png") });

        // The duty desk dispatched: the board has department rows, and no visible chart is an empty frame.
        Assert.True(await page.Locator("[data-wall-board] tr[data-department]").CountAsync() > 0, "the dispatch board is empty");
        var emptyCharts = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('[data-wall-chart]')].filter(c => c.offsetParent !== null && c.dataset.empty === 'true').map(c => c.dataset.wallChart)");
        Assert.True(emptyCharts.Length == 0, $"charts with nothing to show at {width}x{height}: {string.Join(", ", emptyCharts)}");

        // Within each chart, no two labels (category names, values) overlap.
        var overlaps = await page.EvaluateAsync<string[]>(
            @"() => [...document.querySelectorAll('[data-wall-chart]')].filter(c => c.offsetParent !== null).flatMap(chart => {
                const labels = [...chart.querySelectorAll('.apexcharts-yaxis-label, .apexcharts-xaxis-label, .apexcharts-datalabel')]
                  .filter(l => l.textContent.trim() && l.getBoundingClientRect().width > 0).map(l => ({ t: l.textContent.trim(), r: l.getBoundingClientRect() }));
                const hits = [];
                for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
                  const a = labels[i].r, b = labels[j].r;
                  if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) hits.push(chart.dataset.wallChart + ': ' + labels[i].t + ' / ' + labels[j].t);
                }
                return hits;
              })");
        Assert.True(overlaps.Length == 0, $"overlapping chart labels at {width}x{height}: {string.Join(" | ", overlaps)}");

        var overflow = await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > innerWidth || document.documentElement.scrollHeight > innerHeight");
        Assert.False(overflow, $"the wall scrolls at {width}x{height}");
        await page.CloseAsync();
    }
}
