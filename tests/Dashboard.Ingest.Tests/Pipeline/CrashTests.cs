using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Microsoft.Data.Sqlite;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>
/// The promise behind every 2xx: acknowledged means committed. The standalone worker is killed with SIGKILL
/// in the middle of a stream and restarted on the same store; every acknowledged event must be there exactly once.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const string Prefix = "44060420250305C";
    private readonly string _folder = Directory.CreateTempSubdirectory("citybrain-crash-").FullName;

    [Fact]
    public async Task Every_acknowledged_event_survives_a_kill_9_exactly_once()
    {
        var database = Path.Combine(_folder, "store.db");

        var acknowledged = new ConcurrentBag<int>();
        var sent = 0;
        using (var worker = await Worker.StartAsync(database))
        {
            using var client = worker.Client();
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var seq = Interlocked.Increment(ref sent);
                    try
                    {
                        var response = await client.PostAsync("/api/feeds/hotline", IngestHost.Body(Order(seq), "application/json"));
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged.Add(seq);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The worker died under this request: not acknowledged, so not promised.
                    }
                }
            })).ToList();

            await WaitUntilAsync(() => acknowledged.Count >= 150, TimeSpan.FromSeconds(60));
            worker.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        Assert.True(acknowledged.Count >= 150, $"only {acknowledged.Count} events were acknowledged before the kill");
        using (var restarted = await Worker.StartAsync(database))
        {
            var stored = ReportCounts(database);
            Assert.All(acknowledged, seq => Assert.Equal(1, stored.GetValueOrDefault(ExternalId(seq))));
            Assert.All(stored.Values, count => Assert.Equal(1, count));

            // Senders redeliver what they are unsure of; the restarted worker must change nothing it already has.
            using var client = restarted.Client();
            for (var seq = 1; seq <= sent; seq++)
            {
                var response = await client.PostAsync("/api/feeds/hotline", IngestHost.Body(Order(seq), "application/json"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            var afterRedelivery = ReportCounts(database);
            Assert.Equal(sent, afterRedelivery.Count);
            Assert.All(afterRedelivery.Values, count => Assert.Equal(1, count));
        }
    }

    private static string ExternalId(int seq) => Prefix + seq.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Sequence-numbered work orders (classified by the generated catalog) spread over the district, 150 m apart so each opens its own incident.</summary>
    private static byte[] Order(int seq)
    {
        var lon = 113.05 + (0.0015 * (seq % 60));
        var lat = 22.98 + (0.0015 * (seq / 60 % 60));
        return System.Text.Encoding.UTF8.GetBytes(Orders.Hotline(ExternalId(seq), "占道经营", lon, lat));
    }

    private static Dictionary<string, int> ReportCounts(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT external_id, count(*) FROM incident_reports WHERE source = 'Hotline12345' GROUP BY external_id";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < timeout)
        {
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The standalone ingest worker as a child process (dotnet Dashboard.Ingest.dll) on a free loopback port.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process _process;

        private Worker(Process process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        public static async Task<Worker> StartAsync(string database)
        {
            var port = FreePort();
            var info = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    WorkerDll(),
                    $"--urls=http://127.0.0.1:{port}",
                    "--environment=Production",
                    "--Store:Provider=Sqlite",
                    $"--Store:ConnectionString={StoreServiceCollectionExtensions.SqliteConnectionString(database)}",
                    $"--Store:AssetsPath={TestPaths.Assets}",
                    "--Ingest:DemoKeys=true",
                    "--Logging:LogLevel:Default=Warning",
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(WorkerDll())!,
            };
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the ingest worker");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var worker = new Worker(process, port);
            using var probe = worker.Client();
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the ingest worker exited with {process.ExitCode} during start");
                }

                try
                {
                    if ((await probe.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        return worker;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            worker.Dispose();
            throw new TimeoutException("the ingest worker did not answer /health within 60 s");
        }

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Add(Apis.FeedEndpoints.ApiKeyHeader, IngestOptions.DemoKey);
            return client;
        }

        /// <summary>SIGKILL: no shutdown hooks, no flush; only what was committed survives.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        /// <summary>The worker built next to this test run (same configuration: Debug or Release).</summary>
        private static string WorkerDll()
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(TestPaths.RepositoryRoot, "Dashboard.Ingest", "bin", configuration, "net10.0", "Dashboard.Ingest.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build Dashboard.Ingest first", path);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
