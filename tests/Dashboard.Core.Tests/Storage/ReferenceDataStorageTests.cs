using Dashboard.Core.Catalog;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Seeding;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage;

/// <summary>
/// The seeded city survives a trip through either store unchanged: after a restart, the same point lands in
/// the same grid and the same item routes to the same departments as before.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReferenceDataStorageTests(PostgresClusterFixture postgres)
{
    private static readonly InspectionCatalog SeededCatalog = CatalogJson.Load(Path.Combine(TestPaths.Assets, "catalog"));

    [Fact]
    public async Task The_seeded_city_reloads_from_sqlite_with_the_same_grids_catalog_and_devices()
    {
        var store = await SqliteStore.CreateAsync();
        await using (var db = store.Open())
        {
            Assert.True(await ReferenceDataStore.IsEmptyAsync(db, default));
            await ReferenceDataStore.SeedAsync(db, TestCity.Chancheng, SeededCatalog, default);
        }

        await using var reader = store.Open();
        await AssertReloadsUnchanged(reader);
    }

    [PostgresFact]
    public async Task The_seeded_city_reloads_from_postgres_with_the_same_grids_catalog_and_devices()
    {
        var connectionString = await postgres.CreateDatabaseAsync("reference");
        await using (var db = Stores.NewPostgres(connectionString))
        {
            await db.Database.MigrateAsync();
            await ReferenceDataStore.SeedAsync(db, TestCity.Chancheng, SeededCatalog, default);
        }

        await using var reader = Stores.NewPostgres(connectionString);
        await AssertReloadsUnchanged(reader);
    }

    [Fact]
    public async Task Stored_areas_carry_their_bounding_boxes_for_sql_prefiltering()
    {
        var store = await SqliteStore.CreateAsync();
        await using (var db = store.Open())
        {
            await ReferenceDataStore.SeedAsync(db, TestCity.Chancheng, SeededCatalog, default);
        }

        var grid = TestCity.Chancheng.City.Grids[17];
        var envelope = grid.Boundary.EnvelopeInternal;
        await using var connection = store.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min_lon, min_lat, max_lon, max_lat FROM grid_cells WHERE code = $code";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$code";
        parameter.Value = grid.Code.Value;
        command.Parameters.Add(parameter);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal([envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY], [row.GetDouble(0), row.GetDouble(1), row.GetDouble(2), row.GetDouble(3)]);
    }

    private static async Task AssertReloadsUnchanged(CityDbContext reader)
    {
        var (city, catalog) = await ReferenceDataStore.LoadAsync(reader, default);
        var seeded = TestCity.Chancheng;

        Assert.Equal(seeded.City.Grids.Count, city.City.Grids.Count);
        Assert.Equal(seeded.City.Communities.Count, city.City.Communities.Count);
        Assert.Equal(seeded.Devices.Sensors.Count, city.Devices.Sensors.Count);
        Assert.Equal(seeded.Devices.Cameras.Count, city.Devices.Cameras.Count);
        Assert.Equal(seeded.Enclaves.Count, city.Enclaves.Count);

        var random = new Random(20261123);
        var envelope = seeded.City.District.Boundary.EnvelopeInternal;
        for (var i = 0; i < 2_000; i++)
        {
            var lon = envelope.MinX + (random.NextDouble() * envelope.Width);
            var lat = envelope.MinY + (random.NextDouble() * envelope.Height);
            Assert.Equal(seeded.Grids.Locate(lon, lat).Grid?.Code, city.Grids.Locate(lon, lat).Grid?.Code);
        }

        foreach (var item in catalog.Items)
        {
            var original = SeededCatalog.GetItem(item.Code);
            Assert.Equal(original.DepartmentCodes, item.DepartmentCodes);
            Assert.Equal(original.FeedKeys, item.FeedKeys);
            Assert.Equal(original.Slas, item.Slas);
            Assert.Equal(original.IsOnTheSpot, item.IsOnTheSpot);
        }

        var sensor = seeded.Devices.Sensors[5];
        var reloaded = city.Devices.Sensors.Single(s => s.Id == sensor.Id);
        Assert.Equal(sensor.Thresholds, reloaded.Thresholds);
        Assert.Equal(sensor.HeartbeatInterval, reloaded.HeartbeatInterval);
    }
}
