using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.Core.Registry;
using Dashboard.Core.Storage.Seeding;
using Dashboard.Ingest;
using Dashboard.Ingest.Locating;
using Dashboard.Ingest.Pipeline;

namespace Dashboard.Extensions;

public static class IngestHosting
{
    /// <summary>
    /// Hosts the ingest pipeline in the dashboard. Ingest's hosted writer is constructed before StoreStartup has
    /// loaded the city and the catalog from the store, so the locator resolves the city on its first event and
    /// the catalog falls back to the assets file the store is seeded from until the store's copy is loaded.
    /// </summary>
    public static IServiceCollection AddHostedIngest(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddIngest(configuration);
        services.AddSingleton<IPlaceLocator>(sp => new DeferredPlaceLocator(sp));
        services.AddSingleton(sp => sp.GetRequiredService<ReferenceData>() is { IsLoaded: true } loaded
            ? loaded.Catalog
            : CatalogJson.Load(Path.Combine(environment.ContentRootPath, configuration["Store:AssetsPath"] ?? "assets", "catalog")));
        return services;
    }

    private sealed class DeferredPlaceLocator(IServiceProvider services) : IPlaceLocator
    {
        private readonly Lazy<CityPlaceLocator> _inner = new(() =>
            new CityPlaceLocator(services.GetRequiredService<GridIndex>(), services.GetService<DeviceRegistry>()));

        public Place Locate(LonLat point) => _inner.Value.Locate(point);

        public LonLat? PositionOf(string deviceOrCameraId) => _inner.Value.PositionOf(deviceOrCameraId);

        public LonLat DistrictCentre => _inner.Value.DistrictCentre;
    }
}
