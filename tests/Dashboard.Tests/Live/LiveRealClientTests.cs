using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Live;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Live;

/// <summary>
/// The hub with the real SignalR client the browser uses (<c>@microsoft/signalr</c> from Dashboard/Client, run in
/// Node): its automatic reconnect across a real server restart, then the resubscribe with lastSeq that live.ts does.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class LiveRealClientTests
{
    private const string District = "district:440604";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Applies batches and catch-ups by the gap rule of docs/live-protocol.md and prints one JSON line per applied
    // delta and per connection state, so the test sees exactly what a page would apply.
    private const string ClientScript = """
        const signalR = require(process.env.SIGNALR_MODULE);
        const scope = process.env.SCOPE;
        const print = (o) => console.log(JSON.stringify(o));
        const connection = new signalR.HubConnectionBuilder()
          .withUrl(process.env.HUB_URL, { transport: signalR.HttpTransportType.WebSockets })
          .withAutomaticReconnect({ nextRetryDelayInMilliseconds: () => 300 })
          .configureLogging(signalR.LogLevel.None)
          .build();
        let lastSeq = null;
        const apply = (deltas, upTo) => {
          for (const d of deltas) if (d.seq > lastSeq) print({ event: 'delta', entityId: d.entityId, seq: d.seq });
          lastSeq = Math.max(lastSeq ?? 0, upTo);
        };
        const subscribe = async () => {
          const c = await connection.invoke('Subscribe', scope, lastSeq);
          apply(c.deltas ?? [], c.upTo);
          print({ event: 'online' });
        };
        connection.on('batch', (b) => apply(b.deltas, b.upTo));
        connection.onreconnecting(() => print({ event: 'reconnecting' }));
        connection.onreconnected(() => subscribe());
        connection.start().then(subscribe).catch((e) => { print({ event: 'failed', error: String(e) }); process.exit(1); });
        """;

    [Fact]
    public async Task The_browser_client_reconnects_by_itself_after_a_server_restart_and_applies_every_change_exactly_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"citybrain-live-{Guid.NewGuid():N}.db");
        var first = await LiveTestServer.StartSqliteAsync(path);
        var port = first.Port;
        await using var client = NodeClient.Start(first.HubUrl, District);
        await client.WaitForAsync("online");

        await TestChanges.AppendAsync(first.Contexts, TestChanges.InStreet("440604010", entityId: "before"));
        await client.WaitForDeltaAsync("before");
        await first.StopAsync();
        await client.WaitForAsync("reconnecting");
        await AppendWhileDownAsync(path, TestChanges.InStreet("440604010", entityId: "down-1"), TestChanges.InStreet("440604011", entityId: "down-2"));

        await using var second = await LiveTestServer.StartSqliteAsync(path, port: port);
        await client.WaitForAsync("online");
        await TestChanges.AppendAsync(second.Contexts, TestChanges.InStreet("440604012", entityId: "after"));
        await client.WaitForDeltaAsync("after");

        Assert.Equal(new[] { "before", "down-1", "down-2", "after" }, client.Applied);
    }

    private static async Task AppendWhileDownAsync(string path, params ChangeLogEntry[] entries)
    {
        var options = new DbContextOptionsBuilder<SqliteCityDbContext>();
        StoreServiceCollectionExtensions.ConfigureSqlite(options, StoreServiceCollectionExtensions.SqliteConnectionString(path));
        await using var db = new SqliteCityDbContext(options.Options);
        db.ChangeLog.AddRange(entries);
        await db.SaveChangesAsync();
    }

    /// <summary>The Node process running <see cref="ClientScript"/>; its output lines as they arrive.</summary>
    private sealed class NodeClient : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
        private readonly List<string> _applied = [];
        private readonly System.Text.StringBuilder _errors = new();

        private NodeClient(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) =>
            {
                if (!string.IsNullOrWhiteSpace(e.Data))
                {
                    _lines.Writer.TryWrite(JsonDocument.Parse(e.Data).RootElement.Clone());
                }
            };
            _process.ErrorDataReceived += (_, e) =>
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>Entity ids of the deltas applied so far, in order.</summary>
        public IReadOnlyList<string> Applied => _applied;

        public static NodeClient Start(Uri hubUrl, string scope)
        {
            var start = new ProcessStartInfo("node", ["-e", ClientScript])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["SIGNALR_MODULE"] = Path.Combine(TestPaths.RepositoryRoot, "Dashboard", "Client", "node_modules", "@microsoft", "signalr");
            start.Environment["HUB_URL"] = hubUrl.ToString();
            start.Environment["SCOPE"] = scope;
            return new NodeClient(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
        }

        private string Errors
        {
            get
            {
                lock (_errors)
                {
                    return _errors.ToString();
                }
            }
        }

        public Task WaitForAsync(string state) => NextAsync(line => line.GetProperty("event").GetString() == state, state);

        public Task WaitForDeltaAsync(string entityId) =>
            NextAsync(line => line.GetProperty("event").GetString() == "delta" && line.GetProperty("entityId").GetString() == entityId, $"the delta of {entityId}");

        private async Task NextAsync(Func<JsonElement, bool> wanted, string what)
        {
            using var timeout = new CancellationTokenSource(Patience);
            try
            {
                while (true)
                {
                    var line = await _lines.Reader.ReadAsync(timeout.Token);
                    if (line.GetProperty("event").GetString() == "delta")
                    {
                        _applied.Add(line.GetProperty("entityId").GetString()!);
                    }

                    Assert.NotEqual("failed", line.GetProperty("event").GetString());
                    if (wanted(line))
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The SignalR client did not report {what} within {Patience}; stderr: {Errors}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
