using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.TestSupport.Live;
using Dashboard.TestSupport.Postgres;
using Dashboard.TestSupport.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Live;

[CollectionDefinition(Name)]
public sealed class LivePostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "Live servers on PostgreSQL";
}

/// <summary>Slow browsers, restarts and several nodes: the live path's failure rules.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class LiveResilienceTests
{
    private const string District = "district:440604";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stalled_browser_does_not_hold_up_another_and_is_told_to_resync()
    {
        var path = NewDatabasePath();
        await using var server = await LiveTestServer.StartSqliteAsync(path, new Dictionary<string, string?>
        {
            ["ConnectionQueueCapacity"] = "4",
            ["MaxDeltasPerBatch"] = "50",
        });
        await using var stalled = await server.ConnectAsync();
        await using var healthy = await server.ConnectAsync();
        await stalled.InvokeAsync("Subscribe", [District, 0]);
        await healthy.InvokeAsync("Subscribe", [District, 0]);
        stalled.PauseReading();

        // About 32 MB: more than the kernel's socket buffers and Kestrel's pipe can hold for the stalled socket.
        var bulky = JsonSerializer.Serialize(new { photo = new string('x', 16 * 1024) });
        long last = 0;
        for (var chunk = 0; chunk < 20; chunk++)
        {
            var rows = Enumerable.Range(0, 100).Select(i => TestChanges.InStreet("440604010", entityId: $"e{chunk}-{i}", payload: bulky)).ToArray();
            last = (await TestChanges.AppendAsync(server.Contexts, rows))[^1];
        }

        var received = await FollowUntilAsync(healthy, District, last);

        Assert.Equal(2000, received.Count);
        stalled.ResumeReading();
        var resync = await stalled.NextAsync("resync", Patience);
        Assert.Equal(District, resync.Text("scope"));
    }

    [Fact]
    public async Task After_a_server_restart_a_client_resubscribes_and_gets_exactly_the_changes_it_missed()
    {
        var path = NewDatabasePath();
        var first = await LiveTestServer.StartSqliteAsync(path);
        var port = first.Port;
        long lastSeq;
        await using (var client = await first.ConnectAsync())
        {
            await client.InvokeAsync("Subscribe", [District, 0]);
            await TestChanges.AppendAsync(first.Contexts, TestChanges.InStreet("440604010", entityId: "before"));
            lastSeq = (await client.NextAsync("batch", Patience)).Long("upTo");
            await first.StopAsync();
        }

        var missed = await AppendWhileDownAsync(path, TestChanges.InStreet("440604010", entityId: "down-1"), TestChanges.InStreet("440604011", entityId: "down-2"));
        await using var second = await LiveTestServer.StartSqliteAsync(path, port: port);
        await using var reconnected = await second.ConnectAsync();

        var catchup = await reconnected.InvokeAsync("Subscribe", [District, lastSeq]);
        var fresh = await TestChanges.AppendAsync(second.Contexts, TestChanges.InStreet("440604010", entityId: "after"));
        var batch = await reconnected.NextAsync("batch", Patience);

        Assert.Equal(missed, catchup.Seqs());
        Assert.Equal(catchup.Long("upTo"), batch.Long("after"));
        Assert.Equal(fresh, batch.Seqs());
    }

    [Fact]
    public async Task A_client_too_far_behind_is_told_to_reload_a_snapshot()
    {
        await using var server = await LiveTestServer.StartSqliteAsync(NewDatabasePath(), new Dictionary<string, string?> { ["CatchupWindow"] = "2" });
        await TestChanges.AppendAsync(server.Contexts, Enumerable.Range(0, 5).Select(i => TestChanges.InStreet("440604010", entityId: $"e{i}")).ToArray());
        await using var client = await server.ConnectAsync();
        await Task.Delay(200);
        var head = (await client.InvokeAsync("Subscribe", [District, null])).Long("upTo");

        var catchup = await client.InvokeAsync("Subscribe", [District, head - 5]);

        Assert.Equal("snapshot", catchup.Text("kind"));
        Assert.Equal("too-far-behind", catchup.GetProperty("snapshot").Text("reason"));
        Assert.Equal(head, catchup.Long("upTo"));
    }

    /// <summary>
    /// Plays the browser's rule (docs/live-protocol.md): apply batches that continue from the last applied position;
    /// on a gap or a <c>resync</c>, call Subscribe with that position and apply the catch-up.
    /// </summary>
    private static async Task<HashSet<long>> FollowUntilAsync(SignalRJsonClient client, string scope, long last)
    {
        var received = new HashSet<long>();
        long applied = 0;
        while (applied < last)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var message = await client.Messages.ReadAsync(timeout.Token);
            var batch = message.Arguments[0];
            if (message.Target == "batch" && batch.Long("after") <= applied)
            {
                received.UnionWith(batch.Seqs().Where(s => s > applied));
                applied = Math.Max(applied, batch.Long("upTo"));
            }
            else
            {
                var catchup = await client.InvokeAsync("Subscribe", [scope, applied]);
                received.UnionWith(catchup.Seqs());
                applied = Math.Max(applied, catchup.Long("upTo"));
            }
        }

        return received;
    }

    private static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"citybrain-live-{Guid.NewGuid():N}.db");

    private static async Task<IReadOnlyList<long>> AppendWhileDownAsync(string path, params ChangeLogEntry[] entries)
    {
        var options = new DbContextOptionsBuilder<SqliteCityDbContext>();
        StoreServiceCollectionExtensions.ConfigureSqlite(options, StoreServiceCollectionExtensions.SqliteConnectionString(path));
        await using var db = new SqliteCityDbContext(options.Options);
        db.ChangeLog.AddRange(entries);
        await db.SaveChangesAsync();
        return entries.Select(e => e.Sequence).ToList();
    }
}

/// <summary>Two dashboard nodes on one PostgreSQL database, as in production behind a load balancer.</summary>
[Collection(LivePostgresCollection.Name)]
public sealed class LiveAcrossNodesTests(PostgresClusterFixture postgres)
{
    [PostgresFact]
    public async Task A_change_written_through_one_node_reaches_a_subscriber_on_another()
    {
        var connectionString = await postgres.CreateDatabaseAsync("live_nodes");
        // Node B polls only every ten minutes, so the change can reach it in time only through LISTEN/NOTIFY.
        var noPolling = new Dictionary<string, string?> { ["PollIntervalMs"] = "600000" };
        await using var nodeA = await LiveTestServer.StartAsync(StoreProvider.Postgres, connectionString, noPolling);
        await using var nodeB = await LiveTestServer.StartAsync(StoreProvider.Postgres, connectionString, noPolling);
        await using var subscriber = await nodeB.ConnectAsync();
        await subscriber.InvokeAsync("Subscribe", ["district:440604", 0]);

        var written = await TestChanges.AppendAsync(nodeA.Contexts, TestChanges.InStreet("440604012", entityId: "zumiao"));

        var batch = await subscriber.NextAsync("batch", TimeSpan.FromSeconds(10));
        Assert.Equal(written, batch.Seqs());
    }
}
