using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.Core.Telemetry;
using Dashboard.Ingest;
using Dashboard.Ingest.Apis;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Benchmarks.Ingest;

/// <summary>
/// End-to-end ingest load: the real feed endpoints (AddCityStore + AddIngest + MapFeeds) on Kestrel at a free
/// 127.0.0.1 port, driven over loopback HTTP/1.1 by a load generator in the same process. A 2xx is sent only
/// after the batch commits, so acknowledged requests are committed rows; rows are counted afterwards anyway.
/// Not a BenchmarkDotNet benchmark: it measures a bounded run of a whole server, not a method.
/// <code>dotnet run -c Release --project benchmarks/Dashboard.Benchmarks -- ingest-http [scenario] [--seconds N] [--connections N] [--rate N]</code>
/// Scenarios: telemetry (SQLite, arrays of 100, beside a raw EF Core insert), single (one reading per request),
/// postgres (arrays of 100 into a throwaway PostgreSQL cluster, binary COPY path), latency (paced single readings).
/// </summary>
public static class HttpIngestLoad
{
    private const string TelemetryPath = "/api/feeds/iot/telemetry";

    /// <summary>Unmeasured load before each closed-loop phase, so the JIT has finished tiering up (see DriveAsync).</summary>
    private const int WarmUpSeconds = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var seconds = Option(args, "--seconds", 15);
        var connections = Option(args, "--connections", 8);
        var rate = Option(args, "--rate", 1000);
        var devices = LoadDeviceIds();
        Console.WriteLine($"ingest-http {scenario}: {seconds} s per phase, {connections} connections, {devices.Count} registry devices, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        switch (scenario)
        {
            case "telemetry":
                await TelemetryArraysAsync(devices, seconds, connections);
                break;
            case "single":
                await SingleMessagesAsync(devices, seconds, connections);
                break;
            case "postgres":
                await PostgresArraysAsync(devices, seconds, connections);
                break;
            case "latency":
                await PacedLatencyAsync(devices, seconds, rate);
                break;
            case "all":
                await TelemetryArraysAsync(devices, seconds, connections);
                await SingleMessagesAsync(devices, seconds, connections);
                await PacedLatencyAsync(devices, seconds, rate);
                await PostgresArraysAsync(devices, seconds, connections);
                break;
            default:
                Console.Error.WriteLine($"Unknown scenario '{scenario}'; use telemetry, single, postgres, latency or all.");
                return 2;
        }

        return 0;
    }

    private static async Task TelemetryArraysAsync(IReadOnlyList<string> devices, int seconds, int connections)
    {
        await using var host = await LoadHost.StartAsync(postgres: null);
        var readings = new ReadingSource(devices);
        var run = await DriveAsync(host, connections, seconds, () => readings.Body(100), 100);
        var stored = await host.CountReadingsAsync();
        run.Print("(a) telemetry arrays of 100 → SQLite", stored);

        // The baseline inserts the same number of rows (same shape, new timestamps) into the same file, 100 per
        // SaveChanges, one at a time: what a hand-written EF Core ingest loop would do without HTTP or the pipeline.
        // Capped at three phase lengths so a slow baseline cannot make the run unbounded; the rate is what matters.
        var rows = 0L;
        var watch = Stopwatch.StartNew();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<CityDbContext>>();
        for (; rows < run.Acknowledged * 100 && watch.Elapsed.TotalSeconds < seconds * 3; rows += 100)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(readings.Rows(100));
            await db.SaveChangesAsync();
        }

        watch.Stop();
        var efPerSecond = rows / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"    raw EF Core AddRange+SaveChanges (100 per call, {rows:N0} of the same rows, same file): {watch.Elapsed.TotalSeconds:F1} s, {efPerSecond:N0} rows/s; {LoadAverage()}");
        Console.WriteLine($"    pipeline cost over raw EF Core: {(efPerSecond / run.EventsPerSecond - 1) * 100:+0;-0} % time per row (pipeline {run.EventsPerSecond:N0}/s vs EF {efPerSecond:N0}/s)");
        Console.WriteLine($"    rows after both: {await host.CountReadingsAsync():N0}");
    }

    private static async Task SingleMessagesAsync(IReadOnlyList<string> devices, int seconds, int connections)
    {
        await using var host = await LoadHost.StartAsync(postgres: null);
        var readings = new ReadingSource(devices);
        var run = await DriveAsync(host, connections, seconds, () => readings.Body(1), 1);
        run.Print("(b) single telemetry objects (one reading per request) → SQLite", await host.CountReadingsAsync());
    }

    private static async Task PostgresArraysAsync(IReadOnlyList<string> devices, int seconds, int connections)
    {
        if (PostgresCluster.UnavailableReason is { } reason)
        {
            Console.WriteLine($"(c) PostgreSQL skipped: {reason}");
            return;
        }

        await using var cluster = await PostgresCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync("ingest_bench");
        await using var host = await LoadHost.StartAsync(connectionString);
        var readings = new ReadingSource(devices);
        var run = await DriveAsync(host, connections, seconds, () => readings.Body(100), 100);
        run.Print("(c) telemetry arrays of 100 → PostgreSQL 15 (binary COPY; cluster runs fsync=off, synchronous_commit=off)", await host.CountReadingsAsync());

        // The baseline: the same number of rows (same shape, new timestamps) COPYed straight into sensor_readings by one
        // caller, one transaction per batch of connections × 100 rows (what one pipeline batch holds when every sender
        // has a request waiting): the store's own ceiling on this machine at this moment, without HTTP or the pipeline.
        var batchRows = connections * 100;
        var rows = 0L;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            for (; rows < run.Acknowledged * 100 && watch.Elapsed.TotalSeconds < seconds * 3; rows += batchRows)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using (var importer = await connection.BeginBinaryImportAsync(
                    "COPY sensor_readings (device_id, kind, observed_at_utc, sequence, tilt_deg, open, water_level_cm, battery) FROM STDIN (FORMAT BINARY)"))
                {
                    foreach (var r in readings.Rows(batchRows))
                    {
                        importer.StartRow();
                        importer.Write(r.DeviceId, NpgsqlDbType.Varchar);
                        importer.Write(r.Kind, NpgsqlDbType.Varchar);
                        importer.Write(r.ObservedAtUtc.UtcDateTime, NpgsqlDbType.TimestampTz);
                        importer.Write(r.Sequence!.Value, NpgsqlDbType.Bigint);
                        importer.Write(r.TiltDeg!.Value, NpgsqlDbType.Double);
                        importer.Write(r.Open!.Value, NpgsqlDbType.Boolean);
                        importer.Write(r.WaterLevelCm!.Value, NpgsqlDbType.Double);
                        importer.Write(r.Battery!.Value, NpgsqlDbType.Double);
                    }

                    await importer.CompleteAsync();
                }

                await transaction.CommitAsync();
            }
        }

        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var copyPerSecond = rows / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"    raw binary COPY into sensor_readings ({batchRows:N0} rows per transaction, one caller, {rows:N0} of the same rows, same database): {watch.Elapsed.TotalSeconds:F1} s, {copyPerSecond:N0} rows/s, client CPU {cpu.TotalMicroseconds / Math.Max(1, rows):F1} µs/row; {LoadAverage()}");
        Console.WriteLine($"    pipeline over raw COPY: {run.EventsPerSecond / copyPerSecond:P0} of the raw rate (pipeline {run.EventsPerSecond:N0}/s vs COPY {copyPerSecond:N0}/s)");
        Console.WriteLine($"    rows after both: {await host.CountReadingsAsync():N0}");
    }

    private static async Task PacedLatencyAsync(IReadOnlyList<string> devices, int seconds, int rate)
    {
        await using var host = await LoadHost.StartAsync(postgres: null);
        var readings = new ReadingSource(devices);
        using var client = host.CreateClient(maxConnections: 256);
        await WarmUpAsync(client, readings);

        // Open loop: request i is due at start + i/rate whatever happened to earlier ones, so a slow commit shows
        // up as latency instead of silently lowering the offered rate.
        var total = seconds * rate;
        var latencies = new double[total];
        var failures = 0;
        var tasks = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(1);
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            var index = i;
            var body = readings.Body(1);
            tasks.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                if (await PostAsync(client, body))
                {
                    latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                }
                else
                {
                    latencies[index] = double.NaN;
                    Interlocked.Increment(ref failures);
                }
            }));
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var ok = latencies.Where(l => !double.IsNaN(l)).Order().ToArray();
        Console.WriteLine($"(d) paced {rate:N0} single readings/s for {seconds} s → SQLite: offered {total:N0}, acknowledged {ok.Length:N0}, failed {failures:N0}, achieved {ok.Length / elapsed.TotalSeconds:N0}/s");
        Console.WriteLine($"    send → 2xx (commit) latency: p50 {Percentile(ok, 0.50):F1} ms, p90 {Percentile(ok, 0.90):F1} ms, p99 {Percentile(ok, 0.99):F1} ms, max {ok.LastOrDefault():F1} ms; rows stored {await host.CountReadingsAsync():N0}; {LoadAverage()}");
    }

    private static async Task<LoadRun> DriveAsync(LoadHost host, int connections, int seconds, Func<byte[]> nextBody, int eventsPerRequest)
    {
        // Bodies are built before the clock starts, so the generator's JSON writing does not take CPU from the server
        // on this 2-core machine; the pool holds more than the targets need (60,000 events/s, 10,000 requests/s).
        var bodies = new byte[seconds * Math.Min(60_000 / eventsPerRequest, 10_000)][];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = nextBody();
        }

        using var client = host.CreateClient(connections);
        await WarmUpAsync(client, new ReadingSource(["WARMUP-0001"]));

        // Then the same load, unmeasured, for WarmUpSeconds: a 10-second phase straight after start-up otherwise measures
        // the JIT (tier-0 code, PGO instrumentation, the tier-1 recompiles) at ~4x the CPU per event of the steady state a
        // worker that runs for hours is in. The warm-up rows are in the store's count like the others.
        var warmUp = new byte[WarmUpSeconds * Math.Min(20_000 / eventsPerRequest, 4_000)][];
        for (var i = 0; i < warmUp.Length; i++)
        {
            warmUp[i] = nextBody();
        }

        var warmTaken = -1L;
        var warmClock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            long next;
            while (warmClock.Elapsed.TotalSeconds < WarmUpSeconds && (next = Interlocked.Increment(ref warmTaken)) < warmUp.Length)
            {
                await PostAsync(client, warmUp[next]);
            }
        })));

        var acknowledged = 0L;
        var failed = 0L;
        var taken = -1L;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stop = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            long next;
            while (stop.Elapsed.TotalSeconds < seconds && (next = Interlocked.Increment(ref taken)) < bodies.Length)
            {
                if (await PostAsync(client, bodies[next]))
                {
                    Interlocked.Increment(ref acknowledged);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(senders);
        stop.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (taken >= bodies.Length)
        {
            Console.WriteLine($"    note: all {bodies.Length:N0} prepared bodies were sent before {seconds} s; the rate below is a lower bound");
        }

        return new LoadRun(acknowledged, failed, eventsPerRequest, stop.Elapsed, cpu);
    }

    /// <summary>First requests pay for JIT, the connection pool and the store's first open; not measured.</summary>
    private static async Task WarmUpAsync(HttpClient client, ReadingSource readings)
    {
        for (var i = 0; i < 20; i++)
        {
            if (!await PostAsync(client, readings.Body(10)))
            {
                throw new InvalidOperationException("The warm-up request was not acknowledged; the host is not accepting telemetry.");
            }
        }
    }

    private static async Task<bool> PostAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(TelemetryPath, content);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            Console.Error.WriteLine($"    {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return false;
    }

    /// <summary>Other work on the machine skews every figure; the load average is printed beside each result to show it.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"machine load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "load average unknown";

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static List<string> LoadDeviceIds()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Assets, "registry", "sensors.json")));
        return [.. document.RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];
    }

    /// <param name="Cpu">CPU this process used during the phase (server and in-process generator; not PostgreSQL's):
    /// per event, it is a figure the machine's load changes far less than the rate.</param>
    private sealed record LoadRun(long Acknowledged, long Failed, int EventsPerRequest, TimeSpan Elapsed, TimeSpan Cpu)
    {
        public double EventsPerSecond => Acknowledged * EventsPerRequest / Elapsed.TotalSeconds;

        public void Print(string title, long stored) =>
            Console.WriteLine($"{title}: {Elapsed.TotalSeconds:F1} s, {Acknowledged:N0} requests acknowledged ({Acknowledged / Elapsed.TotalSeconds:N0}/s), {Failed:N0} refused/failed, {EventsPerSecond:N0} events/s acknowledged; rows in store afterwards {stored:N0} (incl. warm-up); process CPU {Cpu.TotalSeconds:F1} s = {Cpu.TotalMicroseconds / Math.Max(1, Acknowledged * EventsPerRequest):F1} µs/event ({Cpu.TotalSeconds / Elapsed.TotalSeconds / Environment.ProcessorCount:P0} of the machine); {LoadAverage()}");
    }

    /// <summary>
    /// Manhole readings spread over the registry's devices, each with a new timestamp (one millisecond after the
    /// previous reading overall), so no reading is a redelivery and the unique (device, observed at) index never skips one.
    /// </summary>
    private sealed class ReadingSource(IReadOnlyList<string> devices)
    {
        private static readonly DateTimeOffset Origin = new(2025, 3, 5, 0, 0, 0, TimeSpan.Zero);
        private long _next;

        public byte[] Body(int count)
        {
            var first = Interlocked.Add(ref _next, count) - count;
            var json = new StringBuilder(count * 160);
            json.Append(count == 1 ? "" : "[");
            for (var i = 0; i < count; i++)
            {
                var n = first + i;
                json.Append(i == 0 ? "" : ",")
                    .Append("{\"deviceId\":\"").Append(devices[(int)(n % devices.Count)])
                    .Append("\",\"kind\":\"manhole\",\"observedAt\":\"").Append(Origin.AddMilliseconds(n).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture))
                    .Append("\",\"seq\":").Append(n)
                    .Append(",\"readings\":{\"tiltDeg\":").Append((n % 7).ToString(CultureInfo.InvariantCulture))
                    .Append(",\"open\":false,\"waterLevelCm\":").Append((30 + n % 40).ToString(CultureInfo.InvariantCulture))
                    .Append(",\"battery\":").Append((60 + n % 30).ToString(CultureInfo.InvariantCulture)).Append("}}");
            }

            json.Append(count == 1 ? "" : "]");
            return Encoding.UTF8.GetBytes(json.ToString());
        }

        public List<SensorReading> Rows(int count)
        {
            var first = Interlocked.Add(ref _next, count) - count;
            return [.. Enumerable.Range(0, count).Select(i =>
            {
                var n = first + i;
                return new SensorReading(devices[(int)(n % devices.Count)], "Manhole", Origin.AddMilliseconds(n),
                    new SensorValues(n % 7, false, 30 + n % 40, null, null, null, null, null, 60 + n % 30, null), n);
            })];
        }
    }

    /// <summary>The worker's composition (AddCityStore + AddIngest + MapFeeds) on 127.0.0.1:0, demo key, rate limit lifted.</summary>
    private sealed class LoadHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string? _sqlitePath;

        private LoadHost(WebApplication app, string? sqlitePath)
        {
            _app = app;
            _sqlitePath = sqlitePath;
        }

        public IServiceProvider Services => _app.Services;

        public static async Task<LoadHost> StartAsync(string? postgres)
        {
            var sqlitePath = postgres is null ? Path.Combine(Path.GetTempPath(), $"citybrain-ingest-load-{Guid.NewGuid():N}.db") : null;
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Store:Provider"] = postgres is null ? "Sqlite" : "Postgres",
                ["Store:ConnectionString"] = postgres ?? StoreServiceCollectionExtensions.SqliteConnectionString(sqlitePath!),
                ["Store:AssetsPath"] = TestPaths.Assets,
                ["Ingest:DemoKeys"] = "true",
                // The per-key limit (500 requests/s) protects a shared deployment; the load generator is one key.
                ["Ingest:RequestsPerSecondPerKey"] = "1000000",
                ["Simulator:Enabled"] = "false",
            });
            builder.Services.AddCityStore(builder.Configuration);
            builder.Services.AddIngest(builder.Configuration);
            var app = builder.Build();
            app.MapFeeds();
            await app.StartAsync();
            return new LoadHost(app, sqlitePath);
        }

        public HttpClient CreateClient(int maxConnections)
        {
            var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, UseProxy = false })
            {
                BaseAddress = new Uri(address),
                DefaultRequestVersion = HttpVersion.Version11,
                Timeout = TimeSpan.FromSeconds(60),
            };
            client.DefaultRequestHeaders.Add(FeedEndpoints.ApiKeyHeader, IngestOptions.DemoKey);
            return client;
        }

        public async Task<long> CountReadingsAsync()
        {
            var contexts = _app.Services.GetRequiredService<IDbContextFactory<CityDbContext>>();
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Set<SensorReading>().LongCountAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            if (_sqlitePath is not null)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }
}
