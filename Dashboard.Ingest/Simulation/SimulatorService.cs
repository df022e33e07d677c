using System.Text;
using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Registry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest.Simulation;

/// <summary>
/// Plays <see cref="CityDay"/> through the same HTTP feed endpoints real senders use, at
/// <see cref="SimulatorOptions.EventsPerSecond"/> scaled by the hour's activity. Thin: the scenario is
/// <see cref="CityDay"/>; a failed send is logged and the loop goes on.
/// </summary>
internal sealed class SimulatorService(
    IOptions<SimulatorOptions> options,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SimulatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        if (services.GetService<CityMap>() is not { } city || services.GetService<DeviceRegistry>() is not { } devices)
        {
            logger.LogWarning("Simulator:Enabled is set but no city is registered (AddCityModel); the simulator does not run");
            return;
        }

        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        var target = settings.TargetUrl is { Length: > 0 } url ? new Uri(url) : OwnAddress();
        if (target is null)
        {
            logger.LogWarning("The simulator found no HTTP address to send to; set Simulator:TargetUrl");
            return;
        }

        var day = new CityDay(city, devices, ServiceCodes(), settings.Seed, settings.MalformedShare);
        using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(Apis.FeedEndpoints.ApiKeyHeader, settings.ApiKey);
        var random = new Random(settings.Seed);
        var started = time.GetUtcNow();
        var simulatedStart = started;
        var patrolGap = TimeSpan.FromSeconds(settings.PatrolSeconds / CityDay.PatrollerCount);
        var nextPatrol = started;
        logger.LogInformation("Simulator sending a day in the district to {Target} at up to {Rate}/s (time scale {Scale})", target, settings.EventsPerSecond, settings.TimeScale);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var simulated = simulatedStart + ((now - started) * settings.TimeScale);
            var rate = Math.Max(0.01, settings.EventsPerSecond * CityDay.ActivityAt(simulated.ToOffset(TimeSpan.FromHours(8))));
            var message = day.Next(now);
            await SendAsync(client, message, settings.ApiKey, stoppingToken);

            // Grid workers' phones upload their positions on their own rhythm; after a long quiet gap they resume, not catch up.
            if (settings.PatrolSeconds > 0 && now >= nextPatrol)
            {
                nextPatrol = now - nextPatrol > patrolGap * CityDay.PatrollerCount ? now : nextPatrol;
                while (now >= nextPatrol)
                {
                    if (CityDay.IsPatrolHour(simulated.ToOffset(TimeSpan.FromHours(8))))
                    {
                        await SendAsync(client, day.Patrol(now), settings.ApiKey, stoppingToken);
                    }

                    nextPatrol += patrolGap;
                }
            }

            if (random.NextDouble() < settings.RepeatShare)
            {
                await SendAsync(client, message, settings.ApiKey, stoppingToken);
            }

            // Exponential gaps: arrivals of independent senders form a Poisson stream, not a metronome.
            var gap = TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / rate);
            try
            {
                await Task.Delay(gap, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAsync(HttpClient client, SimulatedMessage message, string apiKey, CancellationToken cancellationToken)
    {
        try
        {
            var body = message.Body.Replace(CityDay.ApiKeyPlaceholder, Uri.EscapeDataString(apiKey), StringComparison.Ordinal);
            using var content = new StringContent(body, Encoding.UTF8, message.ContentType);
            using var response = await client.PostAsync(message.Path, content, cancellationToken);
            if (!response.IsSuccessStatusCode && !message.IsMalformed)
            {
                logger.LogWarning("Simulated {Kind} message got {Status}: {Body}", message.Kind, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Simulated {Kind} message could not be sent", message.Kind);
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Uri? OwnAddress()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses?.FirstOrDefault();
        return address is null ? null : new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal).Replace("*", "127.0.0.1", StringComparison.Ordinal));
    }

    private List<string> ServiceCodes()
    {
        try
        {
            return [.. services.GetRequiredService<InspectionCatalog>().Items.Select(i => i.Code)];
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }
}

internal static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<SimulatorService>();
        return services;
    }
}
