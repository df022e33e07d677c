using Dashboard.Core.Storage;
using Dashboard.Jobs;
using Dashboard.Tests.Live;
using Dashboard.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Dashboard.Tests.Jobs;

/// <summary>
/// Two Dashboard nodes on one PostgreSQL: two Quartz schedulers with the same scheduler name and distinct
/// instance ids on the clustered job store, configured exactly as <see cref="ScheduledJobs.UseStore"/> does. A job
/// fires every second; every execution is recorded with its scheduled fire time, and no fire time may appear twice.
/// </summary>
[Collection(LivePostgresCollection.Name)]
public sealed class ClusteredSchedulerTests(PostgresClusterFixture postgres)
{
    [PostgresFact]
    public async Task Two_nodes_on_one_database_run_each_fire_time_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("quartz_cluster");
        await MigrateAsync(connectionString);
        await ExecuteAsync(connectionString, "create table job_fires (scheduled_fire_utc bigint not null, instance_id text not null)");

        await using var nodeA = await StartNodeAsync(connectionString, "node-a");
        await using var nodeB = await StartNodeAsync(connectionString, "node-b");
        await Task.Delay(TimeSpan.FromSeconds(12));
        await nodeA.Scheduler.Standby();
        await nodeB.Scheduler.Standby();
        await Task.Delay(TimeSpan.FromSeconds(1));

        var fires = await QueryAsync(connectionString, "select scheduled_fire_utc, instance_id from job_fires order by 1");
        Assert.True(fires.Count >= 6, $"expected a fire about every second for 12 s, got {fires.Count}");
        var duplicated = fires.GroupBy(f => f.FireUtc).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => f.Instance))}").ToList();
        Assert.Empty(duplicated);
        Assert.All(fires, f => Assert.Contains(f.Instance, new[] { "node-a", "node-b" }));
    }

    private static async Task<Node> StartNodeAsync(string connectionString, string instanceId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new FireLog(connectionString));
        services.AddQuartz(q =>
        {
            ScheduledJobs.UseStore(q, new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = connectionString }, instanceId, TimeSpan.FromSeconds(1));
            var key = new JobKey("fire-recorder", "test");
            q.AddJob<FireRecorderJob>(j => j.WithIdentity(key).StoreDurably());
            q.AddTrigger(t => t.ForJob(key).WithIdentity("fire-recorder", "test")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)));
        });
        var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        return new Node(provider, scheduler);
    }

    private static async Task MigrateAsync(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgresCityDbContext>();
        StoreServiceCollectionExtensions.ConfigurePostgres(builder, connectionString);
        await using var db = new PostgresCityDbContext(builder.Options);
        await db.Database.MigrateAsync();
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

    private static async Task<List<(long FireUtc, string Instance)>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
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
            await ExecuteAsync(log.ConnectionString, "insert into job_fires values (@fire, @instance)",
                ("fire", context.ScheduledFireTimeUtc!.Value.ToUnixTimeMilliseconds()), ("instance", context.Scheduler.SchedulerInstanceId));
    }
}
