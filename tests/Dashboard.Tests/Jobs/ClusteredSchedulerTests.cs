using Dashboard.Core.Storage;
using Dashboard.Jobs;
using Dashboard.Tests.Live;
using Dashboard.TestSupport.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Dashboard.Tests.Jobs;

/// <summary>
/// Two Dashboard nodes on one PostgreSQL: two Quartz schedulers with the same scheduler name and distinct
/// instance ids on the clustered job store, configured exactly as <see cref="ScheduledJobs.UseStore"/> does, on a
/// database prepared by the store's migrations alone. Two jobs fire every second; every execution is recorded with
/// its job and scheduled fire time, and no (job, fire time) may appear twice.
/// </summary>
/// <remarks>
/// Nothing here measures time: the tests wait until enough fires are recorded (with a generous hang guard) and then
/// assert on what was recorded.
/// </remarks>
[Collection(LivePostgresCollection.Name)]
public sealed class ClusteredSchedulerTests(PostgresClusterFixture postgres)
{
    private static readonly string[] RecorderJobs = ["recorder-a", "recorder-b"];

    [PostgresFact]
    public async Task Two_nodes_migrating_and_starting_together_on_an_empty_database_both_start_and_run_each_fire_time_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("quartz_cluster");
        // Both nodes migrate the empty database at once, as they do at start: the migrator's lock lets one create
        // the schema (Quartz's tables included) and the other find nothing pending.
        await Task.WhenAll(MigrateAsync(connectionString), MigrateAsync(connectionString));
        await ExecuteAsync(connectionString, "create table job_fires (job text not null, scheduled_fire_utc bigint not null, instance_id text not null)");

        // Started at the same moment: both validate the schema and register the same jobs and triggers at once.
        var nodes = await Task.WhenAll(StartNodeAsync(connectionString, "node-a"), StartNodeAsync(connectionString, "node-b"));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        await WaitUntilAsync(connectionString, "select count(*) from job_fires group by job order by 1 limit 1", count => count >= 6,
            "each recorder job to fire six times");
        var members = await QueryAsync(connectionString, "select 'member', 0::bigint, instance_name from qrtz_scheduler_state order by 3");
        await nodeA.Scheduler.Standby();
        await nodeB.Scheduler.Standby();
        // A fire in flight when standby was called still commits its row; shutting down waits for it.
        await nodeA.Scheduler.Shutdown(waitForJobsToComplete: true);
        await nodeB.Scheduler.Shutdown(waitForJobsToComplete: true);

        var fires = await QueryAsync(connectionString, "select job, scheduled_fire_utc, instance_id from job_fires order by 1, 2");
        Assert.Equal(RecorderJobs, fires.Select(f => f.Job).Distinct().Order(StringComparer.Ordinal));
        var duplicated = fires.GroupBy(f => (f.Job, f.FireUtc)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Job} at {g.Key.FireUtc}: {string.Join(", ", g.Select(f => f.Instance))}").ToList();
        Assert.Empty(duplicated);
        Assert.All(fires, f => Assert.Contains(f.Instance, new[] { "node-a", "node-b" }));
        Assert.Equal(["node-a", "node-b"], members.Select(m => m.Instance));
    }

    [PostgresFact]
    public async Task A_node_on_a_database_without_the_quartz_migration_refuses_to_start_and_creates_no_tables()
    {
        var connectionString = await postgres.CreateDatabaseAsync("quartz_unmigrated");

        var refused = await Assert.ThrowsAnyAsync<SchedulerException>(() => StartNodeAsync(connectionString, "node-a"));

        Assert.Contains("qrtz_", refused.ToString(), StringComparison.OrdinalIgnoreCase);
        var tables = await QueryAsync(connectionString, "select 'table', 0::bigint, tablename::text from pg_tables where tablename like 'qrtz%'");
        Assert.Empty(tables);
    }

    private static async Task<Node> StartNodeAsync(string connectionString, string instanceId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new FireLog(connectionString));
        services.AddQuartz(q =>
        {
            ScheduledJobs.UseStore(q, new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = connectionString }, instanceId, TimeSpan.FromSeconds(1));
            foreach (var name in RecorderJobs)
            {
                var key = new JobKey(name, "test");
                q.AddJob<FireRecorderJob>(j => j.WithIdentity(key).StoreDurably());
                q.AddTrigger(t => t.ForJob(key).WithIdentity(name, "test")
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)));
            }
        });
        var provider = services.BuildServiceProvider();
        try
        {
            var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Start();
            return new Node(provider, scheduler);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls <paramref name="sql"/> (one number) until <paramref name="done"/>; fails only if nothing happens for minutes.</summary>
    private static async Task WaitUntilAsync(string connectionString, string sql, Func<long, bool> done, string what)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(guard.Token);
                await using var command = new NpgsqlCommand(sql, connection);
                if (await command.ExecuteScalarAsync(guard.Token) is long value && done(value))
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), guard.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Gave up waiting for {what}: the scheduler made no progress for minutes.");
            }
        }
    }

    /// <summary>What a node does first at start: the store's migrator, as <see cref="StoreServiceCollectionExtensions.AddCityStore"/> registers it.</summary>
    private static async Task MigrateAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:ConnectionString"] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddCityStore(configuration).BuildServiceProvider();
        await services.GetRequiredService<StoreMigrator>().MigrateAsync(CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string Job, long FireUtc, string Instance)>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return rows;
    }

    private sealed record Node(ServiceProvider Provider, IScheduler Scheduler) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Scheduler.Shutdown(waitForJobsToComplete: true);
            await Provider.DisposeAsync();
        }
    }

    internal sealed record FireLog(string ConnectionString);

    [DisallowConcurrentExecution]
    internal sealed class FireRecorderJob(FireLog log) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
            await ExecuteAsync(log.ConnectionString, "insert into job_fires values (@job, @fire, @instance)",
                ("job", context.JobDetail.Key.Name), ("fire", context.ScheduledFireTimeUtc!.Value.ToUnixTimeMilliseconds()), ("instance", context.Scheduler.SchedulerInstanceId));
    }
}
