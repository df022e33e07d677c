using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>
/// The store is healthy when it answers, has no pending migrations and the city has been loaded from it.
/// The wall's freshness indicator and a load balancer both read this.
/// </summary>
public sealed class StoreHealthCheck(IDbContextFactory<CityDbContext> contexts, ReferenceData reference) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"The {db.Database.ProviderName} store does not answer.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            var data = new Dictionary<string, object>
            {
                ["provider"] = db.Database.ProviderName ?? "unknown",
                ["pendingMigrations"] = pending.Count,
                ["cityLoaded"] = reference.IsLoaded,
            };
            if (pending.Count > 0)
            {
                return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}", data: data);
            }

            return reference.IsLoaded
                ? HealthCheckResult.Healthy("Store answers; city loaded.", data)
                : HealthCheckResult.Degraded("Store answers; the city is still loading.", data: data);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store failed: " + exception.Message, exception);
        }
    }
}
