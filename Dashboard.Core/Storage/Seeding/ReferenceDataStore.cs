using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Registry;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage.Seeding;

/// <summary>Moves the demo city between the assets folder and the store.</summary>
public static class ReferenceDataStore
{
    /// <summary>True when the store holds no city yet.</summary>
    public static async Task<bool> IsEmptyAsync(CityDbContext db, CancellationToken cancellationToken) =>
        !await db.Set<District>().AnyAsync(cancellationToken);

    /// <summary>Writes the city, its catalog and its devices into an empty store, in one transaction.</summary>
    public static async Task SeedAsync(CityDbContext db, CityAssets city, InspectionCatalog catalog, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(city.City.District);
        db.AddRange(city.City.Streets);
        db.AddRange(city.City.Communities);
        db.AddRange(city.City.Grids);
        db.AddRange(city.Enclaves);
        db.AddRange(catalog.Departments);
        db.AddRange(catalog.Items);
        db.AddRange(city.Devices.Cameras);
        db.AddRange(city.Devices.Sensors);
        db.AddRange(city.Devices.GuardPosts);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Reads the city and catalog back from the store and builds their in-process indexes.</summary>
    public static async Task<(CityAssets City, InspectionCatalog Catalog)> LoadAsync(CityDbContext db, CancellationToken cancellationToken)
    {
        var district = await db.Set<District>().AsNoTracking().SingleAsync(cancellationToken);
        var streets = await db.Set<Street>().AsNoTracking().ToListAsync(cancellationToken);
        var communities = await db.Set<Community>().AsNoTracking().ToListAsync(cancellationToken);
        var grids = await db.Set<GridCell>().AsNoTracking().ToListAsync(cancellationToken);
        var enclaves = await db.Set<Enclave>().AsNoTracking().ToListAsync(cancellationToken);
        var cameras = await db.Set<Camera>().AsNoTracking().ToListAsync(cancellationToken);
        var sensors = await db.Set<Sensor>().AsNoTracking().ToListAsync(cancellationToken);
        var posts = await db.Set<GuardPost>().AsNoTracking().ToListAsync(cancellationToken);
        var departments = await db.Set<Department>().AsNoTracking().ToListAsync(cancellationToken);
        var items = await db.Set<CatalogItem>().AsNoTracking().ToListAsync(cancellationToken);

        var map = new CityMap(
            district,
            streets.OrderBy(s => s.Code),
            communities.OrderBy(c => c.Code),
            grids.OrderBy(g => g.Code));
        var city = new CityAssets(map, enclaves.OrderBy(e => e.Id, StringComparer.Ordinal).ToList(), new DeviceRegistry(
            cameras.OrderBy(c => c.Id, StringComparer.Ordinal),
            sensors.OrderBy(s => s.Id, StringComparer.Ordinal),
            posts.OrderBy(p => p.Id, StringComparer.Ordinal)));
        var catalog = new InspectionCatalog(
            departments.OrderBy(d => d.Code, StringComparer.Ordinal),
            items.OrderBy(i => i.Code, StringComparer.Ordinal));
        return (city, catalog);
    }
}
