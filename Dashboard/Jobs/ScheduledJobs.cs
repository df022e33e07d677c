using Dashboard.Core.Jobs;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Seeding;
using Quartz;

namespace Dashboard.Jobs;

/// <summary>
/// Quartz in the Dashboard: an in-memory scheduler next to the embedded SQLite store, or Quartz's persistent job
/// store clustered on the city's PostgreSQL database, so that with several Dashboard nodes every scheduled job
/// fires on exactly one of them. The jobs are thin; the work is in Dashboard.Core/Jobs.
/// </summary>
public static class ScheduledJobs
{
    public const string SectionName = "Jobs";

    /// <summary>Every cluster member must use the same scheduler name: it is the key of the shared qrtz_* rows.</summary>
    public const string SchedulerName = "citybrain";

    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>
    /// Registers the job logic and, unless <c>Jobs:Enabled</c> is false, the Quartz scheduler (store chosen by
    /// <c>Store:Provider</c>) and its hosted service.
    /// Call after <c>AddCityStore</c>: hosted services start in order, so Quartz starts once the store is migrated
    ///  and the reference data is loaded.
    /// </summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var jobs = configuration.GetSection(SectionName);
        services.AddOptions<SlaWatchOptions>().Bind(configuration.GetSection(SlaWatchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        // The logic stays available with the scheduler off: reports rebuild a day's rollups on demand.
        services.AddJobLogic();
        if (!jobs.GetValue("Enabled", true))
        {
            return services;
        }

        var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        services.AddQuartz(q =>
        {
            UseStore(q, store, jobs["InstanceId"]);
            AddJobs(q);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>The job logic classes, without a scheduler (tests and other hosts call them directly).</summary>
    public static IServiceCollection AddJobLogic(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new WorkingCalendarSource(() => sp.GetRequiredService<ReferenceData>().Calendar));
        services.AddScoped<SlaWatch>();
        services.AddSingleton<HeartbeatWatch>();
        services.AddScoped<SensorHeartbeat>();
        services.AddScoped<RollupBuilder>();
        services.AddScoped<RetentionSweeper>();
        services.AddScoped<DailyReportPublisher>();
        services.AddSingleton<IRollupQueries, RollupQueries>();
        return services;
    }

    /// <summary>RAM store for SQLite; clustered AdoJobStore on PostgreSQL with JSON job data.</summary>
    public static void UseStore(IQuartzBuilder q, StoreOptions store, string? instanceId = null, TimeSpan? checkinInterval = null)
    {
        q.ConfigureScheduler(o =>
        {
            o.InstanceName = SchedulerName;
            if (!string.IsNullOrWhiteSpace(instanceId))
            {
                o.InstanceId = instanceId;
            }
            else
            {
                o.GenerateInstanceId = true;
            }
        });
        if (store.Provider != StoreProvider.Postgres)
        {
            q.UseInMemoryStore();
            return;
        }

        q.UsePersistentStore(s =>
        {
            s.UsePostgres(store.ConnectionString);
            s.UseClustering(c =>
            {
                c.CheckinInterval = checkinInterval ?? TimeSpan.FromSeconds(15);
                c.CheckinMisfireThreshold = (checkinInterval ?? TimeSpan.FromSeconds(15)) * 2;
            });
            s.UseSystemTextJsonSerializer();
            // The store's migration (20261128000001_Quartz) owns the qrtz_* tables: it runs once, under the store
            // migrator's advisory lock, before any scheduler starts. Quartz only checks them, so nodes starting together
            // never race to create tables and the scheduler needs no DDL rights; a missing table stops the start.
            s.ConfigureStore(o =>
            {
                o.TablePrefix = Core.Storage.Migrations.Postgres.QuartzJobStore.TablePrefix;
                o.SchemaProvisioning = SchemaProvisioning.Validate;
            });
        });
    }

    /// <summary>
    /// The schedule. Misfire policy is explicit on every trigger: after downtime a job fires once at once and then
    /// keeps its normal rhythm (FireAndProceed); the missed fire times are not replayed one by one, and the job
    /// logic evaluates the present, so a catch-up run does the work of all missed runs exactly once.
    /// </summary>
    public static void AddJobs(IQuartzBuilder q)
    {
        // A restarted node declares its triggers again. Replacing the stored ones outright would start them afresh
        // and forget the fires missed while the cluster was down, so the misfire instruction would never apply;
        // relative to the replaced trigger, the missed fires are seen and caught up as FireAndProceed says.
        q.Services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        Cron<SlaWatchJob>(q, "sla-watch", "0 * * * * ?");
        Cron<SensorHeartbeatJob>(q, "sensor-heartbeat", "30 * * * * ?");
        Cron<RollupJob>(q, "rollups", "0 5 * * * ?");
        Cron<DailyReportJob>(q, "daily-report", "0 0 8 * * ?");
        Cron<RetentionJob>(q, "retention", "0 30 3 * * ?");
    }

    private static void Cron<TJob>(IQuartzBuilder q, string name, string cron)
        where TJob : IJob
    {
        var key = new JobKey(name, "citybrain");
        q.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably());
        q.AddTrigger(t => t.ForJob(key).WithIdentity(name, "citybrain")
            .WithCronSchedule(cron, c => c.InTimeZone(Shanghai).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
