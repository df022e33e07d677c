using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Director;

/// <summary>
/// A citizen's case from arrival to closure as the people involved see it: the Open311 request, the street director's
/// queue, dispatch to the water department with a deadline, a whistle summoning the city-management bureau, the
/// liaisons reporting in and reporting back with photos, the director verifying, calling the citizen back and closing,
/// and the citizen's status and the wall's tile afterwards.
/// </summary>
public sealed class DirectorFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo-Chancheng-2026!";
    private static int _sequence;

    [ChromiumFact]
    public async Task A_citizens_request_goes_from_open311_through_the_queue_the_department_and_the_callback_to_closed()
    {
        using var http = new HttpClient { BaseAddress = browser.Server.BaseAddress };
        var closedBefore = await ClosedTodayAsync(http);
        var number = await PostCitizenRequestAsync(http, "石湾 澜石 井盖缺失，夜间危险");
        Assert.Equal(("open", true), await CitizenViewAsync(http, number, "已受理"));
        var page = await browser.Context.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);

        // The request lands in the queue of the street it is in.
        await SignInAsync(page, "director.shiwan");
        var row = page.Locator($"[data-incident='{number}']");
        await Assertions.Expect(row).ToBeVisibleAsync();

        // A second case arriving while the queue is open is announced live.
        var arrival = await StoreHotlineCaseAsync("路灯不亮 石湾");
        await Assertions.Expect(page.Locator("[data-new-arrivals]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await row.Locator("a").ClickAsync();
        await ActAsync(page, IncidentAction.Register);
        await page.Locator("form[data-action='Dispatch'] select[name='department']").SelectOptionAsync("SW");
        Assert.False(string.IsNullOrEmpty(await page.Locator("form[data-action='Dispatch'] [data-deadline]").InputValueAsync()));
        await ActAsync(page, IncidentAction.Dispatch, "请水务局处理");
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "Dispatched");
        Assert.Equal(("open", true), await CitizenViewAsync(http, number, "已派遣至"));

        // The director summons the city-management bureau too; its report-in countdown is on the page and in the queue.
        await page.Locator("form[data-action='BlowWhistle'] select[name='departments']").SelectOptionAsync(["CGZF"]);
        await ActAsync(page, IncidentAction.BlowWhistle, "井盖周边占道，请城管到场");
        await Assertions.Expect(page.Locator("[data-summons='CGZF'] time[data-countdown]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-incident-map]")).ToHaveAttributeAsync("data-incident-map-ready", "true", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Shot("incident-1366x768.png") });
        await page.GotoAsync(Url("/workspace").ToString());
        await Assertions.Expect(page.Locator($"[data-incident='{number}'] [data-whistle-badge]")).ToContainTextAsync("0/1");
        await Assertions.Expect(page.Locator("[data-live-status]")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Shot("queue-1366x768.png") });
        await SignOutAsync(page);

        // The summoned bureau reports in from its own view.
        await SignInAsync(page, "liaison.cgzf");
        await page.Locator($"[data-incident='{number}'] a").ClickAsync();
        await ActAsync(page, IncidentAction.ReportIn, "两名队员 15 分钟到场");
        await Assertions.Expect(page.Locator("[data-summons='CGZF']")).ToHaveAttributeAsync("data-reported", "true");
        Assert.Equal(0, await page.Locator("form[data-action='Accept']").CountAsync());
        await SignOutAsync(page);

        // The water bureau accepts and reports it handled with photos of before and after.
        await SignInAsync(page, "liaison.sw");
        await page.Locator($"[data-incident='{number}'] a").ClickAsync();
        await ActAsync(page, IncidentAction.Accept);
        var photo = await page.Locator("[data-incident-map]").ScreenshotAsync();
        var handle = page.Locator("form[data-action='Handle']");
        await handle.Locator("input[name='before']").SetInputFilesAsync(new FilePayload { Name = "before.png", MimeType = "image/png", Buffer = photo });
        await handle.Locator("input[name='after']").SetInputFilesAsync(new FilePayload { Name = "after.png", MimeType = "image/png", Buffer = photo });
        await ActAsync(page, IncidentAction.Handle, "已更换井盖，现场照片已上传");
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "Handled");
        await Assertions.Expect(page.Locator("[data-photo='After'] img")).ToBeVisibleAsync();
        await SignOutAsync(page);

        // The director verifies, calls the citizen back and closes.
        await SignInAsync(page, "director.shiwan");
        await page.GotoAsync(Url($"/workspace/incidents/{number}").ToString());
        await ActAsync(page, IncidentAction.Verify, "现场核查已修复");
        Assert.Equal(0, await page.Locator("form[data-action='Close']").CountAsync());
        await page.Locator("form[data-action='RecordCallback'] input[name='satisfied'][value='true']").CheckAsync();
        await ActAsync(page, IncidentAction.RecordCallback, "市民确认井盖已装好，表示满意");
        await ActAsync(page, IncidentAction.Close);
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "Closed");
        var timeline = await page.Locator("[data-timeline] li").AllAsync();
        Assert.Equal(
            ["Report", "Register", "Dispatch", "BlowWhistle", "ReportIn", "Accept", "Handle", "Verify", "RecordCallback", "Close"],
            await Task.WhenAll(timeline.Select(li => li.GetAttributeAsync("data-action").ContinueWith(t => t.Result ?? string.Empty))));
        Assert.Contains("已更换井盖", await page.Locator("[data-timeline]").InnerTextAsync());
        Assert.Equal(200, (await page.GotoAsync(Url($"/workspace/incidents/{number}").ToString()))!.Status);
        await Assertions.Expect(page.Locator("[data-incident-map]")).ToHaveAttributeAsync("data-incident-map-ready", "true", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Shot("incident-closed-1366x768.png") });
        await page.Locator(".incident-map-card").ScreenshotAsync(new() { Path = BrowserFixture.Shot("incident-map.png") });

        // The citizen and the wall see it closed.
        Assert.Equal(("closed", true), await CitizenViewAsync(http, number, "已办结"));
        Assert.Equal(closedBefore + 1, await ClosedTodayAsync(http));

        BrowserFixture.Publish("queue-1366x768.png", "incident-1366x768.png", "incident-closed-1366x768.png");
        Assert.NotEqual(number, arrival);
    }

    [ChromiumFact]
    public async Task A_pause_request_waits_in_the_directors_inbox_and_approving_it_stops_the_clocks()
    {
        var number = await StoreHotlineCaseAsync("道路塌陷 石湾，等待占道许可");
        var services = browser.Server.Services;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync())
        {
            var incident = await db.Set<Incident>().Include(i => i.Clocks).Include(i => i.Timeline).SingleAsync(i => i.Number == number);
            var workflow = services.GetRequiredService<IncidentWorkflow>();
            var liaison = new Actor("user:liaison.sw", "水务局联络员", "departmentLiaison");
            workflow.Register(incident, Actor.System("test"));
            workflow.Dispatch(incident, Actor.System("test"), "SW");
            workflow.Accept(incident, liaison);
            incident.RequestPause(liaison, services.GetRequiredService<TimeProvider>().GetUtcNow(), "等待交警占道许可，预计两天");
            await db.SaveChangesAsync();
        }

        var page = await browser.Context.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, "director.shiwan");
        await page.Locator("[data-inbox-link]").ClickAsync();
        var item = page.Locator($"[data-inbox-item='Pause'][data-incident='{number}']");
        await Assertions.Expect(item).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Shot("inbox-1366x768.png") });

        await item.Locator("form[data-action='ApprovePause'] input[name='reason']").FillAsync("同意挂起，许可办好后恢复");
        await item.Locator("form[data-action='ApprovePause'] button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=ApprovePause", StringComparison.Ordinal));

        await Assertions.Expect(page.Locator("[data-paused]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form[data-action='Resume']")).ToBeVisibleAsync();
        Assert.Contains("同意挂起", await page.Locator("[data-timeline] li[data-action='ApprovePause']").InnerTextAsync());
        BrowserFixture.Publish("inbox-1366x768.png");
        await SignOutAsync(page);
    }

    [ChromiumFact]
    public async Task Another_streets_director_cannot_open_the_case_by_its_number()
    {
        var number = await StoreHotlineCaseAsync("违章搭建 石湾");
        var page = await browser.Context.NewPageAsync();
        await SignInAsync(page, "director.zumiao");

        var response = await page.GotoAsync(Url($"/workspace/incidents/{number}").ToString());

        Assert.Equal(404, response!.Status);
        Assert.Equal(0, await page.Locator("form[data-action]").CountAsync());
        await SignOutAsync(page);
    }

    /// <summary>A citizen's request as the Open311 endpoint takes it, located in 石湾 / 澜石; returns its case number.</summary>
    private static async Task<string> PostCitizenRequestAsync(HttpClient http, string description)
    {
        var answer = await http.PostAsync("/open311/v2/requests.json?api_key=demo-key", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["service_code"] = "CP-01-01",
            ["lat"] = "23.0284",
            ["long"] = "113.1290",
            ["address_string"] = "石湾镇街道 澜石 和平路 " + Interlocked.Increment(ref _sequence) + " 号",
            ["description"] = description + " " + Guid.NewGuid().ToString("N")[..6],
        }));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement[0].GetProperty("service_request_id").GetString()!;
    }

    /// <summary>The request's Open311 status, and whether its notes say <paramref name="expected"/>.</summary>
    private static async Task<(string Status, bool Says)> CitizenViewAsync(HttpClient http, string number, string expected)
    {
        using var body = JsonDocument.Parse(await http.GetStringAsync($"/open311/v2/requests/{number}.json?api_key=demo-key"));
        var request = body.RootElement[0];
        return (request.GetProperty("status").GetString()!, request.GetProperty("status_notes").GetString()!.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>The wall's "closed today" tile for 石湾 (a loopback client in Development needs no display token).</summary>
    private static async Task<int> ClosedTodayAsync(HttpClient http)
    {
        using var body = JsonDocument.Parse(await http.GetStringAsync("/api/wall/snapshot?scope=street:440604010"));
        return body.RootElement.GetProperty("stats").GetProperty("kpis").GetProperty("closed").GetInt32();
    }

    private async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync(Url("/account/login?returnUrl=/workspace").ToString());
        await page.FillAsync("input[name='username']", username);
        await page.FillAsync("input[name='password']", Password);
        await page.ClickAsync("form[data-sign-in] button[type='submit']");
        await page.WaitForURLAsync(url => url.Contains("/workspace", StringComparison.Ordinal));
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync(".sign-out button");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
    }

    private static async Task ActAsync(IPage page, IncidentAction action, string? reason = null)
    {
        var form = page.Locator($"form[data-action='{action}']");
        if (reason is not null)
        {
            await form.Locator("input[name='reason']").FillAsync(reason);
        }

        await form.Locator("button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"done={action}", StringComparison.Ordinal) || url.Contains("error=", StringComparison.Ordinal));
        if (await page.Locator("[data-error]").CountAsync() > 0)
        {
            Assert.Fail($"{action} was refused: {await page.Locator("[data-error]").InnerTextAsync()}");
        }

        await Assertions.Expect(page.Locator("[data-flash]")).ToBeVisibleAsync();
    }

    /// <summary>Stores a case the way ingest does for a 12345 work order (source Hotline12345, located in 石湾).</summary>
    private async Task<string> StoreHotlineCaseAsync(string title)
    {
        var services = browser.Server.Services;
        var catalog = services.GetRequiredService<InspectionCatalog>();
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var number = IncidentNumbers.Format(DateOnly.FromDateTime(now.UtcDateTime), 5000 + Interlocked.Increment(ref _sequence));
        var location = new IncidentLocation(113.105, 23.005, "440604010001001", "440604010001", "440604010", address: "石湾镇街道 和平路 " + _sequence + " 号");
        var incident = Incident.Report(
            IncidentDraft.FromCatalog(number, IncidentSource.Hotline12345, "44060420261123" + number[^4..], catalog.GetItem("CP-01-01"), location, now.AddMinutes(-3), title: title),
            Actor.System("ingest"), now);
        await using var db = await services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync();
        db.Add(incident);
        await db.SaveChangesAsync();
        return number;
    }

    private Uri Url(string path) => new(browser.Server.BaseAddress, path.TrimStart('/'));

}
