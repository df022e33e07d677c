using System.Text.Json;
using Dashboard.TestSupport.Browser;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Home;

public sealed class HomeMapTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task<ILocator> WaitForMapAsync(IPage page)
    {
        var map = page.Locator("[data-city-map][data-map-ready='true']");
        await map.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return map;
    }

    [ChromiumFact]
    public async Task Home_map_draws_every_grid_of_the_district_on_a_canvas()
    {
        var page = await browser.OpenAsync("/");

        var map = await WaitForMapAsync(page);

        using var client = browser.Server.CreateClient();
        using var grids = JsonDocument.Parse(await client.GetStringAsync("/api/city/grids.geojson"));
        var served = grids.RootElement.GetProperty("features").GetArrayLength();
        Assert.Equal(served.ToString(System.Globalization.CultureInfo.InvariantCulture), await map.GetAttributeAsync("data-grid-count"));
        Assert.True(await page.Locator(".leaflet-overlay-pane canvas").CountAsync() >= 1);
        Assert.Null(await map.GetAttributeAsync("data-map-error"));
    }

    [ChromiumFact]
    public async Task Clicking_a_grid_shows_its_code_community_and_street()
    {
        var page = await browser.OpenAsync("/");
        var map = await WaitForMapAsync(page);
        var box = await map.BoundingBoxAsync();

        // The district fills the map, so its centre is inside some grid.
        await page.Mouse.ClickAsync(box!.X + (box.Width / 2), box.Y + (box.Height / 2));

        var details = page.Locator("[data-grid-details]");
        await Assertions.Expect(details).ToHaveAttributeAsync("data-grid-code", new System.Text.RegularExpressions.Regex("^440604[0-9]{9}$"));
        var text = await details.InnerTextAsync();
        Assert.Contains("网格编码", text);
        Assert.Contains("村居", text);
        Assert.Contains("镇街", text);
    }

    [ChromiumFact]
    public async Task Live_status_reads_live_once_the_hub_connects()
    {
        var page = await browser.OpenAsync("/");

        var status = page.Locator("[data-live-status]");

        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 15_000 });
        await Assertions.Expect(status).ToHaveTextAsync("实时");
    }

    [ChromiumTheory]
    [InlineData(1366, 768, "laptop")]
    [InlineData(3840, 2160, "wall")]
    public async Task Home_fits_the_screen_without_scrollbars(int width, int height, string name)
    {
        var page = await browser.OpenAsync("/", width, height);
        await WaitForMapAsync(page);
        await page.EvaluateAsync("document.fonts.ready");

        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"home-{name}-{width}x{height}.png"),
        });

        var overflow = await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > innerWidth || document.documentElement.scrollHeight > innerHeight");
        Assert.False(overflow, $"the home page scrolls at {width}x{height}");
    }
}
