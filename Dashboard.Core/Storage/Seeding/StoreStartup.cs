using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Storage.Seeding;

/// <summary>
/// Runs before the server accepts requests: applies migrations, seeds an empty store from the assets
/// folder, then loads the city, catalog and calendar into <see cref="ReferenceData"/>.
/// </summary>
public sealed class StoreStartup(StoreInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.EnsureInitializedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Brings the store up once per process: migrate, seed if empty, load <see cref="ReferenceData"/>.
/// The hosted <see cref="StoreStartup"/> runs it before the server listens; a service that needs the city
/// while the host is still being built (another hosted service's constructor) runs it first, and the
/// second caller finds it done.
/// </summary>
public sealed class StoreInitializer(
    StoreMigrator migrator,
    IDbContextFactory<CityDbContext> contexts,
    ReferenceData reference,
    IOptions<StoreOptions> options,
    IHostEnvironment environment,
    ILogger<StoreInitializer> logger) : IDisposable
{
    private readonly SemaphoreSlim _once = new(1, 1);

    public async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (reference.IsLoaded)
        {
            return;
        }

        await _once.WaitAsync(cancellationToken);
        try
        {
            if (!reference.IsLoaded)
            {
                await InitializeAsync(cancellationToken);
            }
        }
        finally
        {
            _once.Release();
        }
    }

    public void Dispose() => _once.Dispose();

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var assets = Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.AssetsPath));
        if (settings.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await ReferenceDataStore.IsEmptyAsync(db, cancellationToken))
        {
            if (!settings.SeedOnStart)
            {
                throw new InvalidOperationException("The store holds no city and Store:SeedOnStart is false: seed it or enable seeding.");
            }

            logger.LogInformation("Seeding the empty store from {Assets}", assets);
            var city = await CityAssets.LoadAsync(assets, cancellationToken);
            var catalog = await CatalogJson.LoadAsync(Path.Combine(assets, "catalog"), cancellationToken);
            await ReferenceDataStore.SeedAsync(db, city, catalog, cancellationToken);
        }

        var (loadedCity, loadedCatalog) = await ReferenceDataStore.LoadAsync(db, cancellationToken);
        var calendar = await WorkingCalendarJson.LoadAsync(Path.Combine(assets, "calendar"), cancellationToken);
        reference.Set(loadedCity, loadedCatalog, calendar);
        logger.LogInformation("City loaded: {Streets} streets, {Communities} communities, {Grids} grids, {Items} catalog items",
            loadedCity.City.Streets.Count, loadedCity.City.Communities.Count, loadedCity.City.Grids.Count, loadedCatalog.Items.Count);
    }
}
