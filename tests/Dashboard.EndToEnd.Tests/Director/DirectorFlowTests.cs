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
/// A 12345 case from arrival to closure as the people involved see it: the street director's queue, dispatch to the
/// water department, the department's liaison accepting and reporting back, the director verifying and closing.
/// </summary>
public sealed class DirectorFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo-Chancheng-2026!";
    private static int _sequence;

    [ChromiumFact]
    public async Task A_hotline_case_goes_from_the_directors_queue_through_the_department_to_closed()
    {
        var number = await StoreHotlineCaseAsync("井盖缺失 石湾和平路");
        var page = await browser.Context.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);

        await SignInAsync(page, "director.shiwan");
        var row = page.Locator($"[data-incident='{number}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("queue-1366x768.png") });

        // A second case arriving while the queue is open is announced live.
        var arrival = await StoreHotlineCaseAsync("路灯不亮 石湾");
        await Assertions.Expect(page.Locator("[data-new-arrivals]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await row.Locator("a").ClickAsync();
        await ActAsync(page, IncidentAction.Register);
        await page.Locator("form[data-action='Dispatch'] select[name='department']").SelectOptionAsync("SW");
        await ActAsync(page, IncidentAction.Dispatch, "请水务局处理");
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "Dispatched");
        await page.ScreenshotAsync(new() { Path = Shot("incident-1366x768.png") });
        await SignOutAsync(page);

        await SignInAsync(page, "liaison.sw");
        await page.Locator($"[data-incident='{number}'] a").ClickAsync();
        await ActAsync(page, IncidentAction.Accept);
        await ActAsync(page, IncidentAction.Handle, "已更换井盖，现场照片已上传");
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "Handled");
        await SignOutAsync(page);

        await SignInAsync(page, "director.shiwan");
        await page.GotoAsync(Url($"/workspace/incidents/{number}").ToString());
        await ActAsync(page, IncidentAction.Verify, "现场核查已修复");
        await ActAsync(page, IncidentAction.Close);
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "Closed");
        var timeline = await page.Locator("[data-timeline] li").AllAsync();
        Assert.Equal(
            ["Report", "Register", "Dispatch", "Accept", "Handle", "Verify", "Close"],
            await Task.WhenAll(timeline.Select(li => li.GetAttributeAsync("data-action").ContinueWith(t => t.Result ?? string.Empty))));
        Assert.Contains("已更换井盖", await page.Locator("[data-timeline]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Shot("incident-closed-1366x768.png") });

        Publish("queue-1366x768.png", "incident-1366x768.png");
        Assert.NotEqual(number, arrival);
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
        await Assertions.Expect(page.Locator("[data-flash]")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Stores the case the way ingest does for a 12345 work order (source Hotline12345, located in 石湾). The Dashboard
    /// does not host the ingest pipeline yet, so the feed endpoint itself is not in this flow.
    /// </summary>
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

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    /// <summary>Copies the reviewed screenshots to docs/screenshots, where the README shows them.</summary>
    private static void Publish(params string[] names)
    {
        var target = Directory.CreateDirectory(Path.Combine(TestPaths.RepositoryRoot, "docs", "screenshots")).FullName;
        foreach (var name in names)
        {
            File.Copy(Shot(name), Path.Combine(target, name), overwrite: true);
        }
    }
}
