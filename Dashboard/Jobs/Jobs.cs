using Dashboard.Core.Jobs;
using Quartz;

namespace Dashboard.Jobs;

// Thin Quartz jobs: Quartz's DI job factory gives each run its own scope, the logic lives in Dashboard.Core/Jobs
// and takes TimeProvider, and DisallowConcurrentExecution keeps a slow run from overlapping the next one (on the
// clustered store, across nodes too). A failing run is logged by Quartz and the next fire tries again.

[DisallowConcurrentExecution]
public sealed class SlaWatchJob(SlaWatch watch, ILogger<SlaWatchJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await watch.RunAsync(cancellationToken);
        logger.LogDebug("SLA watch: {Evaluated} open cases, {Changed} lights changed, {Escalated} escalated", result.Evaluated, result.LightsChanged, result.Escalated.Count);
    }
}

[DisallowConcurrentExecution]
public sealed class SensorHeartbeatJob(SensorHeartbeat heartbeat) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await heartbeat.RunAsync(cancellationToken);
}

/// <summary>Rebuilds today's and yesterday's rollups (yesterday so late reports and clocks that ran out since are counted).</summary>
[DisallowConcurrentExecution]
public sealed class RollupJob(RollupBuilder rollups, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ScheduledJobs.Shanghai).DateTime);
        await rollups.RebuildDayAsync(today.AddDays(-1), cancellationToken);
        await rollups.RebuildDayAsync(today, cancellationToken);
    }
}

[DisallowConcurrentExecution]
public sealed class DailyReportJob(DailyReportPublisher publisher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await publisher.PublishAsync(cancellationToken);
}

[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionSweeper sweeper) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await sweeper.RunAsync(cancellationToken);
}
