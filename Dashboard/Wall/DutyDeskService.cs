using Microsoft.Extensions.Options;

namespace Dashboard.Wall;

/// <summary>Runs <see cref="DutyDesk"/> rounds while the demo runs; thin, a failed round is logged and the next one comes.</summary>
internal sealed class DutyDeskService(
    DutyDesk desk,
    IOptions<DutyDeskOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DutyDeskService> logger) : BackgroundService
{
    /// <summary>
    /// On when configured, else in Development with the simulator on. Outside Development it is refused: the desk acts
    /// as real accounts, which only the demo may do.
    /// </summary>
    public static bool IsOn(DutyDeskOptions options, IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() && (options.Enabled ?? configuration.GetValue<bool>("Simulator:Enabled"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsOn(options.Value, configuration, environment))
        {
            if (options.Value.Enabled == true)
            {
                logger.LogWarning("Wall:DutyDesk:Enabled is set outside Development; the duty desk acts as demo users and does not run here");
            }

            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await desk.RunRoundAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Duty desk round failed; trying again next round");
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
