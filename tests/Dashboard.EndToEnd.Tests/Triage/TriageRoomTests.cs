using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Core.Triage;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.EndToEnd.Tests.Triage;

/// <summary>The app on Kestrel and one Chromium with a browser context per person, so two people can share a room.</summary>
public sealed class TriageBrowser : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public DashboardServer Server { get; } = new();

    public async Task InitializeAsync()
    {
        if (!Chromium.IsAvailable && !Chromium.IsRequired)
        {
            return;
        }

        _ = Server.BaseAddress;
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = [.. Chromium.LaunchArguments],
        });
    }

    /// <summary>A fresh context (its own cookies: one person) at the given screen size.</summary>
    public Task<IBrowserContext> NewPersonAsync(int width = 1366, int height = 768) =>
        (browser ?? throw new InvalidOperationException("Chromium did not start.")).NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// A disputed manhole in an enclave between two streets, settled in a joint-triage room as the people in it see it:
/// the operator presents and the water liaison's map follows; the decision becomes the dispatch and closes the room;
/// someone not invited cannot get in.
/// </summary>
public sealed class TriageRoomTests(TriageBrowser browser, ITestOutputHelper output) : IClassFixture<TriageBrowser>
{
    private const string Password = "Demo-Chancheng-2026!";
    private static int _sequence;

    [ChromiumFact]
    public async Task The_followers_map_reaches_the_presenters_view_on_laptops_and_on_the_wall()
    {
        var number = await StoreDisputedCaseAsync();
        await using var chair = await browser.NewPersonAsync();
        await using var liaison = await browser.NewPersonAsync();
        var presenter = await SignInAsync(chair, "operator");
        var follower = await SignInAsync(liaison, "liaison.sw");
        var room = await OpenRoomAsync(presenter, number, "SW", "ZJ");

        await follower.GotoAsync(Url($"/triage/rooms/{room}").ToString());
        await WaitReadyAsync(presenter);
        await WaitReadyAsync(follower);
        await Assertions.Expect(presenter.Locator("[data-triage-room]")).ToHaveAttributeAsync("data-present-count", "2", new() { Timeout = 20_000 });
        await presenter.ClickAsync("[data-take-presenter]");
        await Assertions.Expect(presenter.Locator("[data-triage-room]")).ToHaveAttributeAsync("data-presenter", "true", new() { Timeout = 20_000 });

        // The presenter pans and zooms the way a person does: drag, then the zoom button.
        var map = presenter.Locator("[data-triage-map]");
        var box = (await map.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await presenter.Mouse.MoveAsync(x, y);
        await presenter.Mouse.DownAsync();
        await presenter.Mouse.MoveAsync(x - 120, y - 50, new() { Steps = 12 });
        await presenter.Mouse.UpAsync();
        await presenter.ClickAsync(".leaflet-control-zoom-out");
        var view = await SettledViewAsync(map);
        await ReachesAsync(follower.Locator("[data-triage-map]"), view);

        // A second move, so the measured latency is not only the first (connection warm-up) one.
        await presenter.Mouse.MoveAsync(x, y);
        await presenter.Mouse.DownAsync();
        await presenter.Mouse.MoveAsync(x + 100, y + 40, new() { Steps = 8 });
        await presenter.Mouse.UpAsync();
        view = await SettledViewAsync(map);
        await ReachesAsync(follower.Locator("[data-triage-map]"), view);
        var latencies = await follower.EvaluateAsync<double[]>("() => window.__triageLatencies ?? []");
        output.WriteLine($"presenter → follower view latency (ms, measured in the browsers): {string.Join(", ", latencies)}");
        File.WriteAllText(Path.Combine(BrowserFixture.ScreenshotFolder, "triage-latency.txt"), string.Join('\n', latencies));
        Assert.NotEmpty(latencies);

        // Off the map, so no grid tooltip covers the case in the picture.
        await presenter.Mouse.MoveAsync(2, 2);
        await follower.Mouse.MoveAsync(2, 2);
        await presenter.WaitForTimeoutAsync(300);
        await presenter.ScreenshotAsync(new() { Path = BrowserFixture.Shot("triage-room-1366x768.png") });
        await follower.ScreenshotAsync(new() { Path = BrowserFixture.Shot("triage-room-follower-1366x768.png") });

        // The hall's wall (a district display on the server's own machine in Development) follows the same room.
        await using var hall = await browser.NewPersonAsync(3840, 2160);
        var wall = await hall.NewPageAsync();
        await wall.GotoAsync(Url($"/wall/room/{room}").ToString());
        await WaitReadyAsync(wall);
        await Assertions.Expect(presenter.Locator("[data-triage-room]")).ToHaveAttributeAsync("data-present-count", "3", new() { Timeout = 20_000 });
        await presenter.Mouse.MoveAsync(x, y);
        await presenter.Mouse.DownAsync();
        await presenter.Mouse.MoveAsync(x - 60, y + 30, new() { Steps = 6 });
        await presenter.Mouse.UpAsync();
        await presenter.Mouse.MoveAsync(2, 2);
        view = await SettledViewAsync(map);
        await ReachesAsync(wall.Locator("[data-triage-map]"), view);
        await ReachesAsync(follower.Locator("[data-triage-map]"), view);
        await wall.WaitForTimeoutAsync(800);
        await wall.ScreenshotAsync(new() { Path = BrowserFixture.Shot("triage-room-wall-3840x2160.png") });
        BrowserFixture.Publish("triage-room-1366x768.png", "triage-room-wall-3840x2160.png");
    }

    [ChromiumFact]
    public async Task The_decision_creates_the_dispatch_and_closes_the_room_for_everyone()
    {
        var number = await StoreDisputedCaseAsync();
        await using var chair = await browser.NewPersonAsync();
        await using var liaison = await browser.NewPersonAsync();
        var page = await SignInAsync(chair, "operator");
        var follower = await SignInAsync(liaison, "liaison.sw");
        var room = await OpenRoomAsync(page, number, "SW", "ZJ");
        await follower.GotoAsync(Url($"/triage/rooms/{room}").ToString());
        await WaitReadyAsync(follower);

        var claim = follower.Locator("form[data-step-form='Claimed']");
        await claim.Locator("input[name='reason']").FillAsync("管线图显示为雨水井，属水务");
        await claim.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(follower.Locator("[data-flash]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-steps] li[data-step='Claimed']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        var decide = page.Locator("form[data-step-form='Decided']");
        await decide.Locator("select[name='department']").SelectOptionAsync("SW");
        await decide.Locator("select[name='tier']").SelectOptionAsync("Street");
        await decide.Locator("input[name='reason']").FillAsync("水务局认领，三日内修复");
        await decide.Locator("button[type='submit']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-room-status]")).ToHaveAttributeAsync("data-room-status", "Decided");
        await Assertions.Expect(page.Locator("[data-decision] [data-owner]")).ToHaveAttributeAsync("data-owner", "SW");
        await Assertions.Expect(page.Locator("[data-step-forms]")).ToHaveCountAsync(0);
        // The liaison's page learns it live and reloads into the closed room.
        await Assertions.Expect(follower.Locator("[data-triage-room]")).ToHaveAttributeAsync("data-room-status", "Decided", new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Shot("triage-room-decided-1366x768.png") });

        await using var db = await browser.Server.Services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync();
        var incident = await db.Set<Incident>().AsNoTracking().Include(i => i.Timeline).SingleAsync(i => i.Number == number);
        Assert.Equal(IncidentStatus.Dispatched, incident.Status);
        Assert.Equal("SW", incident.AssignedDepartmentCode);
        Assert.Contains(room, incident.Timeline.Single(t => t.Action == IncidentAction.Dispatch).Reason, StringComparison.Ordinal);
        Assert.Equal(RoomStatus.Decided, (await db.Set<TriageRoom>().AsNoTracking().SingleAsync(r => r.Id == room)).Status);

        await page.GotoAsync(Url($"/workspace/incidents/{number}").ToString());
        await Assertions.Expect(page.Locator("[data-timeline] li[data-action='Triage']").First).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task Someone_not_invited_is_refused_at_the_door()
    {
        var number = await StoreDisputedCaseAsync();
        await using var chair = await browser.NewPersonAsync();
        await using var outsider = await browser.NewPersonAsync();
        var room = await OpenRoomAsync(await SignInAsync(chair, "operator"), number, "SW");
        var page = await SignInAsync(outsider, "liaison.cgzf");

        var response = await page.GotoAsync(Url($"/triage/rooms/{room}").ToString());

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("[data-room-denied]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-triage-map]").CountAsync());
    }

    [ChromiumFact]
    public async Task The_queue_shows_why_a_case_needs_triage()
    {
        var number = await StoreDisputedCaseAsync();
        await using var person = await browser.NewPersonAsync();
        var page = await SignInAsync(person, "operator");

        await page.GotoAsync(Url("/workspace?q=" + number).ToString());

        var badges = page.Locator($"[data-incident='{number}'] [data-triage-flag]");
        await Assertions.Expect(badges.First).ToBeVisibleAsync();
        var kinds = await Task.WhenAll((await badges.AllAsync()).Select(b => b.GetAttributeAsync("data-triage-flag")));
        Assert.Contains(nameof(TriageFlagKind.InsideEnclave), kinds);
        Assert.Contains(nameof(TriageFlagKind.SeveralDepartments), kinds);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Shot("triage-queue-1366x768.png") });
    }

    private async Task<string> OpenRoomAsync(IPage page, string number, params string[] invite)
    {
        await page.GotoAsync(Url($"/workspace/incidents/{number}").ToString());
        var form = page.Locator("form[data-open-room]");
        foreach (var box in await form.Locator("input[name='invite']").AllAsync())
        {
            var code = await box.GetAttributeAsync("value");
            await box.SetCheckedAsync(invite.Contains(code));
        }

        await form.Locator("input[name='reason']").FillAsync("插花地带无主井盖，权属不清");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Shot("triage-incident-1366x768.png") });
        await form.Locator("button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/triage/rooms/", StringComparison.Ordinal) || url.Contains("error=", StringComparison.Ordinal));
        Assert.DoesNotContain("error=", page.Url, StringComparison.Ordinal);
        await WaitReadyAsync(page);
        return new Uri(page.Url).Segments[^1];
    }

    private static Task WaitReadyAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-triage-room]")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

    /// <summary>
    /// Waits (generously: no timing is asserted here, the latency is measured in the browser and reported) until the
    /// map shows the presenter's zoom and centre, to within one screen pixel (each map rounds its centre through its
    /// own pixel grid, so two screens agree on the pixel, not on the last decimal).
    /// </summary>
    private static async Task ReachesAsync(ILocator map, string view)
    {
        var wanted = Parse(view);
        string? seen = null;
        for (var waited = 0; waited < 30_000; waited += 100)
        {
            seen = await map.GetAttributeAsync("data-view");
            var pixel = 360 / (256 * Math.Pow(2, wanted.Zoom));
            if (seen is not null && Parse(seen) is var got && got.Zoom == wanted.Zoom
                && Math.Abs(got.Lat - wanted.Lat) <= pixel && Math.Abs(got.Lng - wanted.Lng) <= pixel)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The follower's map stayed at {seen}; the presenter's is at {view}.");
    }

    private static (double Lat, double Lng, double Zoom) Parse(string view)
    {
        var parts = view.Split(',').Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    /// <summary>The presenter's view once it stops changing (a wheel zoom animates for a moment).</summary>
    private static async Task<string> SettledViewAsync(ILocator map)
    {
        var last = await map.GetAttributeAsync("data-view");
        for (var i = 0; i < 40; i++)
        {
            await Task.Delay(250);
            var now = await map.GetAttributeAsync("data-view");
            if (now == last)
            {
                return now!;
            }

            last = now;
        }

        return last!;
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string username)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/account/login?returnUrl=/workspace").ToString());
        await page.FillAsync("input[name='username']", username);
        await page.FillAsync("input[name='password']", Password);
        await page.ClickAsync("form[data-sign-in] button[type='submit']");
        await page.WaitForURLAsync(url => url.Contains("/workspace", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A registered 无主井盖 (several candidate departments) inside the first enclave, located like ingest would.</summary>
    private async Task<string> StoreDisputedCaseAsync()
    {
        var services = browser.Server.Services;
        var catalog = services.GetRequiredService<InspectionCatalog>();
        var workflow = services.GetRequiredService<IncidentWorkflow>();
        var city = services.GetRequiredService<CityAssets>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var point = city.Enclaves[0].Boundary.InteriorPoint;
        var at = city.Grids.Locate(point.X, point.Y);
        var number = IncidentNumbers.Format(DateOnly.FromDateTime(now.UtcDateTime), 7000 + Interlocked.Increment(ref _sequence));
        var location = new IncidentLocation(point.X, point.Y, at.Grid!.Code.Value, at.Community!.Code.Value, at.Street!.Code.Value, address: "插花地 无名路 " + _sequence + " 号");
        var incident = Incident.Report(
            IncidentDraft.FromCatalog(number, IncidentSource.Hotline12345, "T" + number, catalog.GetItem("CP-01-13"), location, now.AddMinutes(-10), title: "无主井盖缺失"),
            Actor.System("ingest"), now);
        workflow.Register(incident, Actor.System("test"));
        await using var db = await services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync();
        db.Add(incident);
        await db.SaveChangesAsync();
        return number;
    }

    private Uri Url(string path) => new(browser.Server.BaseAddress, path.TrimStart('/'));

}
