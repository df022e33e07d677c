using Dashboard.TestSupport;
using Dashboard.TestSupport.Browser;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests;

/// <summary>
/// The app on Kestrel plus Debian's Chromium driven by Playwright, shared by a test class.
/// Chromium gets a fresh user-data-dir each run; browsers are never downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string userDataDir = Directory.CreateTempSubdirectory("dashboard-e2e-chromium-").FullName;
    private IPlaywright? playwright;
    private IBrowserContext? context;

    public DashboardServer Server { get; } = new();

    public IBrowserContext Context => context ?? throw new InvalidOperationException("Chromium did not start.");

    /// <summary>Screenshots land in the test output's artifacts/screenshots for people (and CI) to look at.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(
        Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots")).FullName;

    /// <summary>Where a screenshot of this name is taken, in <see cref="ScreenshotFolder"/>.</summary>
    public static string Shot(string name) => Path.Combine(ScreenshotFolder, name);

    /// <summary>Copies reviewed screenshots to docs/screenshots, where the README shows them.</summary>
    public static void Publish(params string[] names)
    {
        var target = Directory.CreateDirectory(Path.Combine(TestPaths.RepositoryRoot, "docs", "screenshots")).FullName;
        foreach (var name in names)
        {
            File.Copy(Shot(name), Path.Combine(target, name), overwrite: true);
        }
    }

    public async Task InitializeAsync()
    {
        if (!Chromium.IsAvailable && !Chromium.IsRequired)
        {
            return; // every test here is a [ChromiumFact] and skips
        }

        _ = Server.BaseAddress;
        playwright = await Playwright.CreateAsync();
        context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = [.. Chromium.LaunchArguments],
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "en-US",
            TimezoneId = "Asia/Shanghai",
        });
    }

    public async Task<IPage> OpenAsync(string path, int width = 1366, int height = 768)
    {
        var page = await Context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(new Uri(Server.BaseAddress, path).ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (context is not null)
        {
            await context.CloseAsync();
        }

        playwright?.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(userDataDir, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; a temp folder left behind is harmless.
        }
    }
}
