using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dashboard.Benchmarks.Hosting;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Live;

/// <summary>
/// The live path end to end: camera events POSTed to the real feed endpoint at a paced rate, each becoming a new
/// incident whose <c>incident.report</c> delta is pushed by <c>/hubs/live</c> to every connected subscriber. The
/// whole Dashboard app (<see cref="DashboardHost"/>) runs on loopback Kestrel in this process, next to the load
/// generator and the subscribers (<see cref="HubProbe"/>).
/// <code>dotnet run -c Release --project benchmarks/Dashboard.Benchmarks -- live-latency [--store sqlite|postgres] [--source feed|changelog] [--seconds N] [--rate N] [--clients N] [--critical-every N] [--scope S]</code>
/// Latency of one delivery = when the subscriber had the frame − when the sender had the feed's 2xx (the feed
/// answers only after the commit). Also shown: the server's own stamp (the delta's <c>at</c>, set by the ingest
/// writer when it took the batch, before the commit) → received, and the time until the last of all subscribers had it.
/// </summary>
internal static class LiveLatencyLoad
{
    private const string CameraEventsPath = "/api/feeds/camera/events";

    // Ordinary analytics events (severity ≤ 4) and the one that is critical (烟火, severity 5): a new incident of
    // severity 5 is pushed at once instead of waiting for the batch window.
    private static readonly string[] OrdinaryTypes = ["占道经营", "出店经营", "乱堆物料", "暴露垃圾", "非机动车乱停放", "道路积水", "人员聚集"];
    private const string CriticalType = "烟火";

    public static async Task<int> RunAsync(string[] args)
    {
        var store = Text(args, "--store", "sqlite");
        var seconds = Option(args, "--seconds", 20);
        var rate = Option(args, "--rate", 1000);
        var clients = Option(args, "--clients", 300);
        var criticalEvery = Option(args, "--critical-every", 100);
        var scope = Text(args, "--scope", "district:440604");
        var source = Text(args, "--source", "feed");
        if (store is not ("sqlite" or "postgres") || source is not ("feed" or "changelog"))
        {
            Console.Error.WriteLine($"Unknown store '{store}' or source '{source}'; use --store sqlite|postgres and --source feed|changelog.");
            return 2;
        }

        Console.WriteLine($"live-latency: {store}, source {source}, {rate:N0} events/s for {seconds} s, {clients} subscribers of {scope}, every {criticalEvery}th event critical; {Environment.ProcessorCount} cores, .NET {Environment.Version}; {LoadAverage()}");
        PostgresCluster? cluster = null;
        string? postgres = null;
        if (store == "postgres")
        {
            if (PostgresCluster.UnavailableReason is { } reason)
            {
                Console.Error.WriteLine($"PostgreSQL unavailable: {reason}");
                return 2;
            }

            cluster = await PostgresCluster.StartAsync();
            postgres = await cluster.CreateDatabaseAsync("live_latency");
        }

        try
        {
            // Every event becomes its own incident, so each delivery can be matched to the request that caused it:
            // the events repeat a (camera, type) pair only minutes apart in occurredAt, outside a 1-minute, 1-metre window.
            await using var host = new DashboardHost(postgres, new Dictionary<string, string?>
            {
                ["Ingest:DuplicateWindowMinutes"] = "1",
                ["Ingest:DuplicateRadiusMetres"] = "1",
            });
            var run = new Run(host, scope, clients, seconds * rate, criticalEvery);
            Console.WriteLine($"    host up on {host.BaseAddress} ({host.StoreName}); {LoadAverage()}");
            await run.ExecuteAsync(rate, source == "changelog");
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }

        return 0;
    }

    private sealed class Run(DashboardHost host, string scope, int clientCount, int total, int criticalEvery)
    {
        private readonly Uri baseAddress = host.BaseAddress;
        private readonly long[] _sent = new long[total];
        private readonly long[] _acked = new long[total];
        private readonly bool[] _critical = new bool[total];
        private readonly long[] _lastReceived = new long[total];
        private readonly int[] _receivers = new int[total];
        private readonly ConcurrentDictionary<string, int> _byNumber = new();
        private readonly List<HubProbe> _probes = [];
        private ProbeRecord[] _records = [];
        private long _arrivals;
        private bool _measuring;

        public async Task ExecuteAsync(int rate, bool changeLogOnly)
        {
            var cameras = LoadCameraIds();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false })
            {
                BaseAddress = baseAddress,
                DefaultRequestVersion = HttpVersion.Version11,
                Timeout = TimeSpan.FromSeconds(60),
            };
            http.DefaultRequestHeaders.Add("X-Api-Key", "demo-key");

            // Warm-up first (JIT, pools, the store's first writes), before anyone subscribes.
            var warmUpBase = DateTimeOffset.UtcNow.AddDays(-1);
            for (var i = 0; i < 50; i++)
            {
                var body = Body($"WARM-{Guid.NewGuid():N}", cameras[i * 11 % cameras.Count], OrdinaryTypes[i % OrdinaryTypes.Length], warmUpBase.AddMinutes(i * 3));
                if (await PostAsync(http, body) is null)
                {
                    throw new InvalidOperationException("A warm-up camera event was not acknowledged; the host is not accepting events.");
                }
            }

            await ConnectProbesAsync();
            Console.WriteLine($"    {_probes.Count} subscribers connected; {LoadAverage()}");

            // Bodies are built before the clock starts so the generator's JSON work does not take CPU from the server.
            var runId = Guid.NewGuid().ToString("N")[..8];
            var origin = DateTimeOffset.UtcNow.AddHours(-3);
            var bodies = new byte[total][];
            for (var i = 0; i < total; i++)
            {
                _critical[i] = i % criticalEvery == criticalEvery - 1;
                var camera = _critical[i] ? cameras[i / criticalEvery * 7 % cameras.Count] : cameras[i % cameras.Count];
                var type = _critical[i] ? CriticalType : OrdinaryTypes[i / cameras.Count % OrdinaryTypes.Length];
                bodies[i] = Body($"LAT-{runId}-{i}", camera, type, origin.AddMilliseconds(i * 30));
            }

            await Task.Delay(1000);
            _measuring = true;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wallBefore = Stopwatch.GetTimestamp();
            var (acked, sendPhase) = changeLogOnly ? await AppendChangesAsync(rate, runId) : await PostEventsAsync(http, bodies, rate);

            // Let the last batches arrive: until every subscriber has every acknowledged event, or 15 s.
            var expected = (long)acked * _probes.Count;
            var drain = Stopwatch.StartNew();
            while (Interlocked.Read(ref _arrivals) < expected && drain.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(100);
            }

            _measuring = false;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var wall = Stopwatch.GetElapsedTime(wallBefore);
            // CPU per delivery does not depend on how much of the machine other work left to this process.
            Console.WriteLine($"    this process (server + generator + subscribers) used {cpu.TotalSeconds:F1} s of CPU in {wall.TotalSeconds:F1} s: {cpu / wall:F2} of {Environment.ProcessorCount} cores; {cpu.TotalMicroseconds / Math.Max(1, Interlocked.Read(ref _arrivals)):F1} µs of CPU per delivery, all included");
            Report(acked, sendPhase);
            foreach (var probe in _probes)
            {
                await probe.DisposeAsync();
            }
        }

        private async Task<(int Acked, TimeSpan SendPhase)> PostEventsAsync(HttpClient http, byte[][] bodies, int rate)
        {
            // Open loop: event i is due at start + i/rate whatever happened to earlier ones, so a slow server shows up
            // as latency and a lower achieved rate instead of silently lowering the offered rate.
            var failures = 0;
            var tasks = new List<Task>(total);
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
                while (Stopwatch.GetTimestamp() < due)
                {
                    if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) > TimeSpan.FromMilliseconds(2))
                    {
                        await Task.Delay(1);
                    }
                    else
                    {
                        Thread.SpinWait(50);
                    }
                }

                var index = i;
                tasks.Add(Task.Run(async () =>
                {
                    _sent[index] = Stopwatch.GetTimestamp();
                    var number = await PostAsync(http, bodies[index]);
                    if (number is null)
                    {
                        Interlocked.Increment(ref failures);
                        return;
                    }

                    Volatile.Write(ref _acked[index], Stopwatch.GetTimestamp());
                    _byNumber[number] = index;
                }));
            }

            var offeredFor = Stopwatch.GetElapsedTime(start);
            await Task.WhenAll(tasks);
            var sendPhase = Stopwatch.GetElapsedTime(start);
            var acked = _acked.Count(a => a != 0);
            Console.WriteLine($"    offered {total:N0} events in {offeredFor.TotalSeconds:F1} s; acknowledged {acked:N0} ({acked / sendPhase.TotalSeconds:N0}/s over {sendPhase.TotalSeconds:F1} s until the last 2xx), failed {failures:N0}; {LoadAverage()}");

            return (acked, sendPhase);
        }

        /// <summary>
        /// Diagnosis mode (<c>--source changelog</c>): the same paced events written straight into the change log as the
        /// ingest writer would (an <c>incident.report</c> row with a realistic payload), due rows in one transaction, so
        /// the live path is measured at the full rate even when the ingest pipeline cannot take it. Accepted = committed.
        /// </summary>
        private async Task<(int Acked, TimeSpan SendPhase)> AppendChangesAsync(int rate, string runId)
        {
            var contexts = host.Services.GetRequiredService<IDbContextFactory<CityDbContext>>();
            var streets = new[] { "440604010", "440604011", "440604012", "440604100", "440604101", "440604102", "440604103" };
            var next = 0;
            var transactions = 0;
            var start = Stopwatch.GetTimestamp();
            while (next < total)
            {
                var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
                if (due <= next)
                {
                    await Task.Delay(1);
                    continue;
                }

                var entries = new List<(int Index, string Number, ChangeLogEntry Entry)>(due - next);
                var now = DateTimeOffset.UtcNow;
                for (var i = next; i < due; i++)
                {
                    var number = $"SJ{runId}{i:D6}";
                    var street = streets[i % streets.Length];
                    var payload = JsonSerializer.Serialize(new
                    {
                        number, action = "Report", from = (string?)null, status = "Reported", item = _critical[i] ? "EV-04-16" : "EV-05-02",
                        title = _critical[i] ? "烟火" : "占道经营", severity = _critical[i] ? 5 : 2, lon = 113.1 + i % 97 * 0.0007, lat = 23.0 + i % 89 * 0.0006,
                        grid = street + "001001", community = street + "001", street, source = "Camera", department = (string?)null,
                        reported = now, due = now.AddHours(2), outside = false, reports = 1, reason = (string?)null,
                    });
                    entries.Add((i, number, new ChangeLogEntry(now, "incident.report", "incident", number, new ChangeScope(street, street + "001", street + "001001"), payload, _critical[i])));
                    _sent[i] = Stopwatch.GetTimestamp();
                }

                await using (var db = await contexts.CreateDbContextAsync())
                {
                    db.ChangeLog.AddRange(entries.Select(e => e.Entry));
                    await db.SaveChangesAsync();
                }

                var committed = Stopwatch.GetTimestamp();
                foreach (var (index, number, _) in entries)
                {
                    Volatile.Write(ref _acked[index], committed);
                    _byNumber[number] = index;
                }

                transactions++;
                next = due;
            }

            var sendPhase = Stopwatch.GetElapsedTime(start);
            Console.WriteLine($"    appended {total:N0} change-log rows in {transactions:N0} transactions over {sendPhase.TotalSeconds:F1} s ({total / sendPhase.TotalSeconds:N0}/s); {LoadAverage()}");
            return (total, sendPhase);
        }

        private async Task ConnectProbesAsync()
        {
            _records = new ProbeRecord[clientCount];
            using var gate = new SemaphoreSlim(16);
            var connecting = Enumerable.Range(0, clientCount).Select(async id =>
            {
                await gate.WaitAsync();
                try
                {
                    _records[id] = new ProbeRecord();
                    return await HubProbe.ConnectAsync(id, baseAddress, scope, OnArrival, CancellationToken.None);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            _probes.AddRange(await Task.WhenAll(connecting));
        }

        /// <summary>Runs on the probe's own receive loop, so its record needs no lock.</summary>
        private void OnArrival(HubProbe probe, ProbeArrival arrival)
        {
            if (!_measuring)
            {
                return;
            }

            if (_byNumber.TryGetValue(arrival.Number, out var index))
            {
                Record(_records[probe.Id], index, arrival);
            }
            else
            {
                // The delta beat the feed's 2xx to the sender (possible for a critical one): matched after the run.
                _records[probe.Id].Early.Add(arrival);
            }
        }

        private void Record(ProbeRecord record, int index, ProbeArrival arrival)
        {
            var ackToReceived = Stopwatch.GetElapsedTime(Volatile.Read(ref _acked[index]), arrival.ReceivedTicks).TotalMilliseconds;
            var serverToReceived = (ReceivedUtc(arrival.ReceivedTicks) - arrival.ServerAt).TotalMilliseconds;
            (_critical[index] ? record.Critical : record.Ordinary).Add((float)ackToReceived);
            (_critical[index] ? record.CriticalFromServer : record.OrdinaryFromServer).Add((float)serverToReceived);
            Interlocked.Increment(ref _receivers[index]);
            long seen;
            while ((seen = Volatile.Read(ref _lastReceived[index])) < arrival.ReceivedTicks
                && Interlocked.CompareExchange(ref _lastReceived[index], arrival.ReceivedTicks, seen) != seen)
            {
            }

            Interlocked.Increment(ref _arrivals);
        }

        private void Report(int acked, TimeSpan sendPhase)
        {
            var unmatched = 0;
            foreach (var (record, id) in _records.Select((r, i) => (r, i)))
            {
                foreach (var early in record.Early)
                {
                    if (_byNumber.TryGetValue(early.Number, out var index))
                    {
                        Record(record, index, early);
                    }
                    else
                    {
                        unmatched++;
                    }
                }
            }

            var dropped = _probes.Where(p => p.Dropped is not null).ToList();
            Console.WriteLine($"    subscribers: {_probes.Count} connected, {dropped.Count} dropped{(dropped.Count > 0 ? " (" + dropped[0].Dropped + ")" : "")}, {_probes.Sum(p => p.Resyncs):N0} resyncs, {_probes.Sum(p => p.Batches) / (double)_probes.Count / sendPhase.TotalSeconds:F1} batches/s per subscriber; deliveries {Interlocked.Read(ref _arrivals):N0} of {(long)acked * _probes.Count:N0} expected{(unmatched > 0 ? $", {unmatched} unmatched" : "")}");
            var sends = Enumerable.Range(0, total).Where(i => _acked[i] != 0).Select(i => Stopwatch.GetElapsedTime(_sent[i], _acked[i]).TotalMilliseconds).Order().ToArray();
            Console.WriteLine($"    feed POST → 2xx (commit):                 {Summary(sends)}");
            foreach (var critical in new[] { false, true })
            {
                var name = critical ? "critical" : "ordinary";
                var deliveries = _records.SelectMany(r => critical ? r.Critical : r.Ordinary).Select(f => (double)f).Order().ToArray();
                var fromServer = _records.SelectMany(r => critical ? r.CriticalFromServer : r.OrdinaryFromServer).Select(f => (double)f).Order().ToArray();
                var everyone = Enumerable.Range(0, total)
                    .Where(i => _critical[i] == critical && _acked[i] != 0 && _receivers[i] == _probes.Count)
                    .Select(i => Stopwatch.GetElapsedTime(_acked[i], _lastReceived[i]).TotalMilliseconds).Order().ToArray();
                var events = Enumerable.Range(0, total).Count(i => _critical[i] == critical && _acked[i] != 0);
                Console.WriteLine($"    {name} ({events:N0} events, {deliveries.Length:N0} deliveries):");
                Console.WriteLine($"      2xx → received, each delivery:          {Summary(deliveries)}");
                Console.WriteLine($"      2xx → received by the last subscriber:  {Summary(everyone)} ({everyone.Length:N0} events reached all)");
                Console.WriteLine($"      server stamp (at) → received:           {Summary(fromServer)}");
            }

            Console.WriteLine($"    {LoadAverage()}");
        }

        private static readonly long AnchorTicks = Stopwatch.GetTimestamp();
        private static readonly DateTimeOffset AnchorUtc = DateTimeOffset.UtcNow;

        private static DateTimeOffset ReceivedUtc(long ticks) => AnchorUtc + Stopwatch.GetElapsedTime(AnchorTicks, ticks);
    }

    private sealed class ProbeRecord
    {
        public List<float> Ordinary { get; } = new(64 * 1024);

        public List<float> Critical { get; } = [];

        public List<float> OrdinaryFromServer { get; } = new(64 * 1024);

        public List<float> CriticalFromServer { get; } = [];

        public List<ProbeArrival> Early { get; } = [];
    }

    private static byte[] Body(string eventId, string cameraId, string eventType, DateTimeOffset occurredAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            eventId,
            cameraId,
            channel = 1,
            eventType,
            state = "active",
            occurredAt = occurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            confidence = 0.93,
        });

    private static int _reportedFailures;

    /// <summary>Posts one camera event; the incident number on a 2xx, null otherwise (the first few failures are printed).</summary>
    private static async Task<string?> PostAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(CameraEventsPath, content);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // An overloaded server answers late or not at all: a failed event, not the end of the run.
            ReportFailure(ex.GetType().Name + ": " + ex.Message);
            return null;
        }

        using var _ = response;
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            ReportFailure($"{(int)response.StatusCode}: {text}");
            return null;
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("events")[0].GetProperty("incident").GetString();
    }

    private static void ReportFailure(string what)
    {
        if (Interlocked.Increment(ref _reportedFailures) <= 3)
        {
            Console.Error.WriteLine($"    failed: {what}");
        }
    }

    private static string Summary(double[] sorted) => sorted.Length == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(sorted, 0.50),7:F1} ms, p95 {Percentile(sorted, 0.95),7:F1} ms, p99 {Percentile(sorted, 0.99),7:F1} ms, max {sorted[^1],7:F1} ms (min {sorted[0]:F1})");

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static List<string> LoadCameraIds()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Assets, "registry", "cameras.json")));
        return [.. document.RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "load average unknown";

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Text(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
