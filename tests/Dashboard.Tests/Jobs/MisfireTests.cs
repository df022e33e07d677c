using System.Collections.Concurrent;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Seeding;
using Dashboard.Jobs;
using Dashboard.Tests.Live;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Dashboard.Tests.Jobs;

/// <summary>
/// Misfires after downtime, with a real Quartz scheduler on its persistent, clustered PostgreSQL store, the production
/// schedule (<see cref="ScheduledJobs.AddJobs"/>, misfire instruction included) and the real SLA watch job.
/// </summary>
/// <remarks>
/// How time is driven: one <see cref="FakeTimeProvider"/> is both Quartz's clock (<c>UseTimeProvider</c>: Quartz 4.7
/// arms its waits, fire times and misfire checks on it) and the domain's (<see cref="TimeProvider"/> in the container,
/// which the SLA watch reads). Nothing fires unless the test moves the clock, so two days of downtime take no real
/// time and every count below is exact; the test waits for executions to be reported, never for a duration.
/// Quartz persists the trigger's history in qrtz_triggers, and a restarted node re-declares its triggers relative to
/// the stored ones (<c>ScheduleTriggerRelativeToReplacedTrigger</c>), so the missed fire times are still known after
/// the restart and the misfire instruction decides what happens to them.
/// </remarks>
[Collection(LivePostgresCollection.Name)]
public sealed class MisfireTests(PostgresClusterFixture postgres)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly Lazy<InspectionCatalog> Catalog = new(() => CatalogJson.Load(Path.Combine(TestPaths.Assets, "catalog")));
    private static readonly Lazy<WorkingCalendar> Calendar = new(() => WorkingCalendarJson.Load(Path.Combine(TestPaths.Assets, "calendar")));

    [PostgresFact]
    public async Task After_two_days_down_the_sla_watch_catches_up_with_one_run_not_one_per_missed_minute_and_escalates_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("quartz_misfire");
        await MigrateAsync(connectionString);
        // Monday 09:00:10: 暴露垃圾 registered, dispatch within 2 working hours (due 11:00:10).
        var time = new FakeTimeProvider(Local(2026, 11, 23, 9, 0).AddSeconds(10));
        var number = await RegisterCaseAsync(connectionString, time);
        using var runs = new RunLog();

        await using (var before = await StartNodeAsync(connectionString, time, "node-1", runs))
        {
            time.SetUtcNow(Local(2026, 11, 23, 9, 1));
            await runs.WaitForAsync("sla-watch", 1);
        }

        // Down from Monday 09:01 to Wednesday 10:00: about 2,900 minute fires of the SLA watch missed.
        time.SetUtcNow(Local(2026, 11, 25, 10, 0));
        await using var after = await StartNodeAsync(connectionString, time, "node-2", runs);
        await runs.WaitForAsync("sla-watch", 2);
        await runs.WaitForAsync("daily-report", 1);
        var trigger = await after.Scheduler.GetTrigger(new TriggerKey("sla-watch", "citybrain"));
        var nextAfterCatchUp = trigger!.NextFireTimeUtc;
        var afterCatchUp = await LoadAsync(connectionString, number);

        time.Advance(TimeSpan.FromMinutes(1));
        await runs.WaitForAsync("sla-watch", 3);

        // FireAndProceed: one run at once for everything missed (Quartz reports it under the first missed fire time,
        // Monday 09:02), then the normal rhythm from the next minute.
        Assert.Equal([Local(2026, 11, 23, 9, 1), Local(2026, 11, 25, 10, 0), Local(2026, 11, 25, 10, 1)], runs.FireTimes("sla-watch"));
        Assert.Equal([Local(2026, 11, 23, 9, 1), Local(2026, 11, 23, 9, 2), Local(2026, 11, 25, 10, 1)], runs.ScheduledFireTimes("sla-watch"));
        Assert.Equal(Local(2026, 11, 25, 10, 1), nextAfterCatchUp);
        // The 08:00 daily report missed on Tuesday and Wednesday is announced once, at the restart, for yesterday.
        Assert.Equal([Local(2026, 11, 25, 10, 0)], runs.FireTimes("daily-report"));
        Assert.Equal([Local(2026, 11, 24, 8, 0)], runs.ScheduledFireTimes("daily-report"));
        Assert.Equal(IncidentStatus.Escalated, afterCatchUp.Status);
        var stored = await LoadAsync(connectionString, number);
        var escalation = Assert.Single(stored.Timeline, t => t.Action == IncidentAction.Escalate);
        Assert.Equal("system:sla-watch", escalation.ActorId);
        Assert.Equal(Local(2026, 11, 25, 10, 0), escalation.AtUtc);
        Assert.Equal(HandlingTier.Community, stored.OwnerTier);
        await using var db = Open(connectionString);
        var announced = await db.ChangeLog.AsNoTracking().Where(c => c.Kind == DailyReportPublisher.ChangeKind).Select(c => c.EntityId).ToListAsync();
        Assert.Equal(TestCity.Chancheng.City.Streets.Count + 1, announced.Count);
        Assert.All(announced, id => Assert.EndsWith("/2026-11-24", id, StringComparison.Ordinal));
        Assert.Equal(1, (await db.Set<SlaWatchState>().SingleAsync(s => s.IncidentId == stored.Id)).EscalationCount);
    }

    [PostgresFact]
    public async Task Two_nodes_restarting_together_after_downtime_catch_up_each_missed_job_once_between_them()
    {
        var connectionString = await postgres.CreateDatabaseAsync("quartz_misfire_cluster");
        await MigrateAsync(connectionString);
        var time = new FakeTimeProvider(Local(2026, 11, 23, 9, 0).AddSeconds(10));
        var number = await RegisterCaseAsync(connectionString, time);
        using var runs = new RunLog();
        await using (var before = await StartNodeAsync(connectionString, time, "node-1", runs))
        {
            time.SetUtcNow(Local(2026, 11, 23, 9, 1));
            await runs.WaitForAsync("sla-watch", 1);
        }

        time.SetUtcNow(Local(2026, 11, 25, 10, 0));
        var nodes = await Task.WhenAll(StartNodeAsync(connectionString, time, "node-2", runs), StartNodeAsync(connectionString, time, "node-3", runs));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        await runs.WaitForAsync("sla-watch", 2);
        await runs.WaitForAsync("daily-report", 1);
        // Both nodes' misfire handlers look at the same trigger row under Quartz's TRIGGER_ACCESS lock; once one has
        // moved it past the misfire (to 10:01), the other finds nothing missed. The 10:01 fire runs after that move,
        // so waiting for it leaves no catch-up still to come.
        time.Advance(TimeSpan.FromMinutes(1));
        await runs.WaitForAsync("sla-watch", 3);

        Assert.Equal([Local(2026, 11, 23, 9, 1), Local(2026, 11, 25, 10, 0), Local(2026, 11, 25, 10, 1)], runs.FireTimes("sla-watch"));
        Assert.Equal([Local(2026, 11, 25, 10, 0)], runs.FireTimes("daily-report"));
        var stored = await LoadAsync(connectionString, number);
        Assert.Single(stored.Timeline, t => t.Action == IncidentAction.Escalate);
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute) => new DateTimeOffset(year, month, day, hour, minute, 0, Shanghai).ToUniversalTime();

    private static async Task<Node> StartNodeAsync(string connectionString, FakeTimeProvider time, string instanceId, RunLog runs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCityStore(configuration);
        services.AddOptions<SlaWatchOptions>();
        services.AddOptions<RetentionOptions>();
        services.AddJobLogic();
        services.AddSingleton<TimeProvider>(time);
        services.AddQuartz(q =>
        {
            ScheduledJobs.UseStore(q, new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = connectionString }, instanceId);
            ScheduledJobs.AddJobs(q);
            q.UseTimeProvider(time);
            q.AddJobListener(runs);
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ReferenceData>().Set(TestCity.Chancheng, Catalog.Value, Calendar.Value);
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        return new Node(provider, scheduler);
    }

    private static async Task<string> RegisterCaseAsync(string connectionString, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var number = IncidentNumbers.Format(new DateOnly(2026, 11, 23), 1);
        var location = new IncidentLocation(113.12, 23.02, "440604010001001", "440604010001", "440604010", address: "澜石二路");
        var incident = Incident.Report(IncidentDraft.FromCatalog(number, IncidentSource.Camera, "misfire-" + number, Catalog.Value.GetItem("EV-01-02"), location, now), Actor.System("ingest"), now);
        new IncidentWorkflow(Catalog.Value, Calendar.Value, new DispatchRules(Catalog.Value), time).Register(incident, Actor.System("test"));
        await using var db = Open(connectionString);
        db.Add(incident);
        await db.SaveChangesAsync();
        return number;
    }

    private static async Task<Incident> LoadAsync(string connectionString, string number)
    {
        await using var db = Open(connectionString);
        return await db.Set<Incident>().AsNoTracking().Include(i => i.Timeline).AsSplitQuery().SingleAsync(i => i.Number == number);
    }

    private static async Task MigrateAsync(string connectionString)
    {
        await using var db = Open(connectionString);
        await db.Database.MigrateAsync();
    }

    private static PostgresCityDbContext Open(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgresCityDbContext>();
        StoreServiceCollectionExtensions.ConfigurePostgres(builder, connectionString);
        return new PostgresCityDbContext(builder.Options);
    }

    private sealed record Node(ServiceProvider Provider, IScheduler Scheduler) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Scheduler.Shutdown(waitForJobsToComplete: true);
            await Provider.DisposeAsync();
        }
    }

    /// <summary>Every finished execution with its job and scheduled fire time, whichever node ran it.</summary>
    private sealed class RunLog : IJobListener, IDisposable
    {
        private readonly ConcurrentQueue<(string Job, DateTimeOffset Scheduled, DateTimeOffset Fired, string? Error)> _runs = new();
        private readonly SemaphoreSlim _changed = new(0);

        public string Name => "run-log";

        public void Dispose() => _changed.Dispose();

        public IReadOnlyList<DateTimeOffset> ScheduledFireTimes(string job) => [.. _runs.Where(r => r.Job == job).Select(r => r.Scheduled)];

        public IReadOnlyList<DateTimeOffset> FireTimes(string job) => [.. _runs.Where(r => r.Job == job).Select(r => r.Fired)];

        /// <summary>Waits until <paramref name="job"/> has finished <paramref name="count"/> times; the guard only stops a hang.</summary>
        public async Task WaitForAsync(string job, int count)
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (_runs.Count(r => r.Job == job) < count)
            {
                await _changed.WaitAsync(guard.Token);
            }

            Assert.All(_runs, r => Assert.True(r.Error is null, r.Error));
        }

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            _runs.Enqueue((context.JobDetail.Key.Name, context.ScheduledFireTimeUtc!.Value, context.FireTimeUtc, jobException?.ToString()));
            _changed.Release();
            return ValueTask.CompletedTask;
        }
    }
}
