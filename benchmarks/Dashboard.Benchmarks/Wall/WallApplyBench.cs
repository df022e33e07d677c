using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Benchmarks.Hosting;
using Dashboard.Benchmarks.Live;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Browser;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Wall;

/// <summary>
/// How long the wall's map takes to apply a batch of incident changes while it holds 10,000 open incidents, in
/// Chromium. <c>wall-apply.ts</c> (bundled here with the client's own esbuild) builds the real city map and the real
/// incidents layer (Dashboard/Client/src/wall/incidents-layer.ts) against the real Dashboard app for the city
/// boundaries, loads 10,000 incidents, then applies batches inside animation frames as the wall does and times
/// each apply, and the next frame in which the canvas and grid restyles it asked for are drawn.
/// <code>dotnet run -c Release --project benchmarks/Dashboard.Benchmarks -- wall-apply [--batches N] [--size N]</code>
/// </summary>
internal static partial class WallApplyBench
{
    private const string HarnessPath = "/__wall-bench/";

    public static async Task<int> RunAsync(string[] args)
    {
        var batches = Option(args, "--batches", 300);
        var size = Option(args, "--size", 200);
        if (!Chromium.IsAvailable)
        {
            Console.Error.WriteLine($"Chromium not found at {Chromium.ExecutablePath}.");
            return 2;
        }

        Console.WriteLine($"wall-apply: 10,000 open incidents, {batches} batches of {size} changes, Chromium {Chromium.ExecutablePath} at 3840x2160; {LiveLatencyLoad.LoadAverage()}");
        var bundle = Bundle();
        await using var host = new DashboardHost(postgres: null);
        var baseAddress = host.BaseAddress;
        var html = HarnessHtml();

        using var playwright = await Playwright.CreateAsync();
        var userDataDir = Directory.CreateTempSubdirectory("wall-apply-chromium-").FullName;
        try
        {
            await using var context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = Chromium.ExecutablePath,
                Headless = true,
                Args = [.. Chromium.LaunchArguments],
                ViewportSize = new ViewportSize { Width = 3840, Height = 2160 },
            });
            var page = await context.NewPageAsync();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    Console.WriteLine($"    browser {message.Type}: {message.Text}");
                }
            };
            await page.RouteAsync($"**{HarnessPath}**", route => route.Request.Url.EndsWith(".js", StringComparison.Ordinal)
                ? route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/javascript", Body = bundle })
                : route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = html }));
            await page.GotoAsync(new Uri(baseAddress, HarnessPath + "index.html").ToString());
            await page.WaitForFunctionAsync("() => window.wallBench?.ready === true", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
            // Marker clustering adds the initial incidents in chunks; let it finish before timing batches.
            await page.WaitForTimeoutAsync(3000);

            // --profile writes a V8 CPU profile of the timed batches (open it in Chromium's DevTools, Performance tab).
            var profile = Array.IndexOf(args, "--profile") >= 0 ? await page.Context.NewCDPSessionAsync(page) : null;
            if (profile is not null)
            {
                await profile.SendAsync("Profiler.enable");
                await profile.SendAsync("Profiler.start");
            }

            // The renderer's main-thread CPU time does not grow when other processes take the cores, unlike
            // performance.now() differences: on a busy machine it is the steadier figure.
            var metrics = await page.Context.NewCDPSessionAsync(page);
            await metrics.SendAsync("Performance.enable");
            var threadBefore = await ThreadTimeAsync(metrics);
            var result = await page.EvaluateAsync<JsonElement>($"() => window.wallBench.run({batches}, {size})");
            var threadMs = (await ThreadTimeAsync(metrics) - threadBefore) * 1000;
            if (profile is not null)
            {
                var stopped = await profile.SendAsync("Profiler.stop");
                var path = Path.Combine(Path.GetTempPath(), "wall-apply.cpuprofile");
                await File.WriteAllTextAsync(path, stopped!.Value.GetProperty("profile").GetRawText());
                Console.WriteLine($"    CPU profile: {path}");
            }

            var applies = result.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("applyMs").GetDouble()).ToArray();
            var frames = result.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("nextFrameMs").GetDouble()).ToArray();
            var totals = applies.Zip(frames, (a, f) => a + f).ToArray();
            Console.WriteLine($"    initial load of 10,000 incidents: {result.GetProperty("loadMs").GetDouble():F0} ms; open after the run: {result.GetProperty("open").GetInt32():N0}");
            Console.WriteLine($"    apply one batch (synchronous):       {Summary(applies)}");
            Console.WriteLine($"    the next frame (canvas, grid styles): {Summary(frames)}");
            Console.WriteLine($"    both together:                        {Summary(totals)}");
            Console.WriteLine($"    renderer main-thread CPU: {threadMs / batches:F1} ms per batch on average (all work of the run: apply, redraws, style, layout, paint)");
            Console.WriteLine($"    batches over 16 ms: apply {applies.Count(a => a > 16)}, next frame {frames.Count(f => f > 16)} of {applies.Length}; {LiveLatencyLoad.LoadAverage()}");
            var drawn = await page.EvaluateAsync<int[]>("() => [document.querySelectorAll('.wall-cluster').length, document.querySelectorAll('.wall-pulse').length, document.querySelectorAll('.leaflet-overlay-pane canvas').length]");
            Console.WriteLine($"    on screen after the run: {drawn[0]} cluster icons, {drawn[1]} pulsing markers, {drawn[2]} canvases; screenshot {Path.Combine(Path.GetTempPath(), "wall-apply.png")}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wall-apply.png") });
        }
        finally
        {
            try
            {
                Directory.Delete(userDataDir, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be flushing its profile; a temp folder left behind is harmless.
            }
        }

        return 0;
    }

    private static async Task<double> ThreadTimeAsync(ICDPSession session)
    {
        var metrics = await session.SendAsync("Performance.getMetrics");
        return metrics!.Value.GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == "ThreadTime").GetProperty("value").GetDouble();
    }

    /// <summary>Bundles wall-apply.ts with the client's esbuild; the client's node_modules come from its build.</summary>
    private static string Bundle()
    {
        var client = Path.Combine(TestPaths.RepositoryRoot, "Dashboard", "Client");
        var esbuild = Path.Combine(client, "node_modules", ".bin", "esbuild");
        if (!File.Exists(esbuild))
        {
            throw new InvalidOperationException($"{esbuild} is missing: build the Dashboard project first (it runs npm ci for the client).");
        }

        var entry = Path.Combine(TestPaths.RepositoryRoot, "benchmarks", "Dashboard.Benchmarks", "Wall", "wall-apply.ts");
        var start = new ProcessStartInfo(esbuild, [entry, "--bundle", "--format=esm", "--target=es2022", "--log-level=warning"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = client,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException("esbuild failed: " + error);
    }

    /// <summary>The wall's map styles (vendor CSS, site CSS and the wall's cluster and pulse rules) around a map the size of the wall's.</summary>
    private static string HarnessHtml()
    {
        var wallCss = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "Dashboard", "Components", "Pages", "Wall.razor.css"));
        wallCss = DeepSelector().Replace(wallCss, ".wall ");
        return $$"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
              <meta charset="utf-8" />
              <link rel="stylesheet" href="/dist/styles/vendor.css" />
              <link rel="stylesheet" href="/css/site.css" />
              <style>{{wallCss}}</style>
              <style>.wall { display: block !important; } #map { position: absolute; left: 880px; top: 200px; width: 1900px; height: 1900px; }</style>
            </head>
            <body>
              <div class="wall"><div id="map"></div></div>
              <script type="module" src="{{HarnessPath}}wall-apply.js"></script>
            </body>
            </html>
            """;
    }

    [GeneratedRegex(@"\.wall\s+::deep\s+")]
    private static partial Regex DeepSelector();

    private static string Summary(double[] values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50),6:F1} ms, p95 {At(0.95),6:F1} ms, p99 {At(0.99),6:F1} ms, max {sorted[^1],6:F1} ms");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
