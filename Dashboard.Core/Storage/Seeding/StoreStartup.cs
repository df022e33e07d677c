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
public sealed class StoreStartup(
    StoreMigrator migrator,
    IDbContextFactory<CityDbContext> contexts,
    ReferenceData reference,
    IOptions<StoreOptions> options,
    IHostEnvironment environment,
    ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
