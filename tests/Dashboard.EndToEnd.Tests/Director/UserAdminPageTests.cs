using Dashboard.TestSupport.Browser;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Director;

/// <summary>The administrator's user list as an administrator sees and uses it.</summary>
public sealed class UserAdminPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task An_administrator_creates_a_community_worker_from_the_user_list()
    {
        var page = await browser.Context.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync(new Uri(browser.Server.BaseAddress, "account/login?returnUrl=/admin/users").ToString());
        await page.FillAsync("input[name='username']", "admin");
        await page.FillAsync("input[name='password']", "Demo-Chancheng-2026!");
        await page.ClickAsync("form[data-sign-in] button[type='submit']");
        await page.WaitForURLAsync(url => url.Contains("/admin/users", StringComparison.Ordinal));

        var create = page.Locator("form[data-admin-create]");
        await create.Locator("input[name='userName']").FillAsync("worker.e2e");
        await create.Locator("input[name='displayName']").FillAsync("测试网格员");
        await create.Locator("select[name='role']").SelectOptionAsync("communityWorker");
        await create.Locator("input[name='scopeCode']").FillAsync("440604010001");
        await create.Locator("input[name='password']").FillAsync("Worker-E2E-2026!");
        await create.Locator("button[type='submit']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-flash]")).ToContainTextAsync("worker.e2e");
        await Assertions.Expect(page.Locator("[data-user-row='worker.e2e']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Shot("admin-users-1366x768.png") });
        BrowserFixture.Publish("admin-users-1366x768.png");
    }
}
