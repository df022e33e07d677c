using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Dashboard.TestSupport.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Triage;

/// <summary>
/// <c>triage-follow</c>: how long a presenter's map view takes to reach a follower in a triage room through the live
/// hub (send → the follower's socket has the <c>signal</c>), over loopback against the real Dashboard process. Two demo
/// users (operator presents, the water liaison follows) on their own connections, like two laptops; the browser's own
/// apply time (a few ms, measured by the end-to-end test) comes on top.
/// Usage: <c>dotnet run -c Release --project benchmarks/Dashboard.Benchmarks -- triage-follow [views=300] [path to Dashboard.dll]</c>
/// (build the Dashboard first: <c>dotnet build -c Release Dashboard</c>).
/// </summary>
public static partial class RoomFollowLatency
{
    private const string Password = "Demo-Chancheng-2026!";

    public static async Task<int> RunAsync(string[] args)
    {
        var views = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 300;
        var dll = args.Length > 1 ? args[1] : Path.Combine(TestPaths.RepositoryRoot, "Dashboard", "bin", "Release", "net10.0", "Dashboard.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"triage-follow: {dll} is missing; build it with: dotnet build -c Release Dashboard");
            return 2;
        }

        var port = FreePort();
        var database = Path.Combine(Path.GetTempPath(), $"citybrain-triage-bench-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={database}";
        using var server = StartServer(dll, port, connectionString);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            await WaitForHealthAsync(baseAddress);
            var number = await StoreDisputedCaseAsync(connectionString);
            using var chair = await SignInAsync(baseAddress, "operator");
            using var liaison = await SignInAsync(baseAddress, "liaison.sw");
            var opened = await chair.Client.PostAsJsonAsync($"api/triage/incidents/{number}/rooms", new { reason = "benchmark", invite = new[] { "SW" } });
            opened.EnsureSuccessStatusCode();
            var scope = "room:" + (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("room").GetString();

            var hub = new Uri(baseAddress, "hubs/live");
            await using var presenter = await SignalRJsonClient.ConnectAsync(hub, new Dictionary<string, string> { ["Cookie"] = chair.Cookie });
            await using var follower = await SignalRJsonClient.ConnectAsync(hub, new Dictionary<string, string> { ["Cookie"] = liaison.Cookie });
            await presenter.InvokeAsync("Subscribe", [scope, null]);
            await follower.InvokeAsync("Subscribe", [scope, null]);
            await presenter.InvokeAsync("Signal", [scope, "present", new { }]);

            var samples = new List<double>(views);
            for (var i = 0; i < views + 20; i++)
            {
                var view = new { lat = 23.02 + i * 1e-5, lng = 113.1, zoom = 15, layers = new[] { "streets", "enclaves" }, sel = (string?)null, t = 0 };
                var clock = Stopwatch.StartNew();
                await presenter.InvokeAsync("Signal", [scope, "view", view]);
                var received = await follower.NextAsync("signal", TimeSpan.FromSeconds(10));
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (received.GetProperty("data").GetProperty("lat").GetDouble() != view.lat)
                {
                    throw new InvalidOperationException($"The follower got another view than the one just sent (#{i}).");
                }

                if (i >= 20)
                {
                    // The first 20 warm the JIT and the connections up.
                    samples.Add(elapsed);
                }
            }

            samples.Sort();
            Console.WriteLine($"triage-follow: {views} views, presenter send → follower received, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine($"  p50 {Percentile(samples, 0.50):0.00} ms   p95 {Percentile(samples, 0.95):0.00} ms   p99 {Percentile(samples, 0.99):0.00} ms   max {samples[^1]:0.00} ms");
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static Process StartServer(string dll, int port, string connectionString)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // Plain `urls`: it overrides the `urls` of appsettings.json (localhost:5080), which ASPNETCORE_URLS would not.
        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Store__ConnectionString"] = connectionString;
        start.Environment["Store__AssetsPath"] = TestPaths.Assets;
        start.Environment["Simulator__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Dashboard.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        for (var i = 0; i < 360; i++)
        {
            try
            {
                if ((await http.GetAsync("account/login")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The Dashboard did not start within three minutes.");
    }

    /// <summary>A registered 无主井盖 in the first enclave, written to the store the server uses.</summary>
    private static async Task<string> StoreDisputedCaseAsync(string connectionString)
    {
        var city = CityAssets.Load(TestPaths.Assets);
        var catalog = CatalogJson.Load(Path.Combine(TestPaths.Assets, "catalog"));
        var calendar = WorkingCalendarJson.Load(Path.Combine(TestPaths.Assets, "calendar"));
        var workflow = new IncidentWorkflow(catalog, calendar, new DispatchRules(catalog), TimeProvider.System);
        var point = city.Enclaves[0].Boundary.InteriorPoint;
        var at = city.Grids.Locate(point.X, point.Y);
        var now = DateTimeOffset.UtcNow;
        var number = IncidentNumbers.Format(DateOnly.FromDateTime(now.UtcDateTime), 9001);
        var incident = Incident.Report(IncidentDraft.FromCatalog(number, IncidentSource.Hotline12345, "BENCH" + number, catalog.GetItem("CP-01-13"),
            new IncidentLocation(point.X, point.Y, at.Grid!.Code.Value, at.Community!.Code.Value, at.Street!.Code.Value), now), Actor.System("bench"), now);
        workflow.Register(incident, Actor.System("bench"));
        await using var db = new SqliteCityDbContext(new DbContextOptionsBuilder<SqliteCityDbContext>().UseSqlite(connectionString).Options);
        db.Add(incident);
        await db.SaveChangesAsync();
        return number;
    }

    private sealed record Person(HttpClient Client, string Cookie) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    private static async Task<Person> SignInAsync(Uri baseAddress, string user)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var form = await http.GetStringAsync("account/login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        var answer = await http.PostAsync("account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = user, ["password"] = Password, ["returnUrl"] = "/workspace",
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {user} failed: {(int)answer.StatusCode}");
        }

        return new Person(http, cookies.GetCookieHeader(baseAddress));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
