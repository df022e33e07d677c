using Dashboard.Core.Storage;
using Dashboard.TestSupport.Postgres;
using Dashboard.TestSupport.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Dashboard.Core.Tests.Storage;

/// <summary>
/// The migrations are written by hand, so nothing but these tests keeps them equal to the model:
/// a column the model expects and the database lacks would fail at the first query in production.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationSchemaTests(PostgresClusterFixture postgres)
{
    [Fact]
    public async Task Sqlite_migrations_produce_exactly_the_model_schema()
    {
        var store = await SqliteStore.CreateAsync();
        await using var db = store.Open();
        await using var connection = store.OpenConnection();
        await connection.OpenAsync();

        var expected = DatabaseSchema.FromModel(db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        var actual = await DatabaseSchema.ReadSqliteAsync(connection);

        Assert.NotEmpty(expected.Tables);
        Assert.Empty(expected.DifferencesFrom(actual));
    }

    [PostgresFact]
    public async Task Postgres_migrations_produce_exactly_the_model_schema()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema");
        await using var db = Stores.NewPostgres(connectionString);
        await db.Database.MigrateAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var expected = DatabaseSchema.FromModel(db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        var actual = await DatabaseSchema.ReadPostgresAsync(connection);

        Assert.NotEmpty(expected.Tables);
        Assert.Empty(expected.DifferencesFrom(actual));
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        var path = Path.Combine(Path.GetTempPath(), $"citybrain-test-{Guid.NewGuid():N}.db");
        await SqliteStore.CreateAsync(path);
        var store = await SqliteStore.CreateAsync(path);
        await using var second = store.Open();

        Assert.Empty(await second.Database.GetPendingMigrationsAsync());
    }
}

public sealed class SchemaComparisonTests
{
    [Fact]
    public async Task A_column_added_outside_the_model_is_reported_as_drift()
    {
        var store = await SqliteStore.CreateAsync();
        await using var db = store.Open();
        await using var connection = store.OpenConnection();
        await connection.OpenAsync();
        await using (var alter = connection.CreateCommand())
        {
            alter.CommandText = "ALTER TABLE change_log ADD COLUMN stray TEXT";
            await alter.ExecuteNonQueryAsync();
        }

        var expected = DatabaseSchema.FromModel(db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        var differences = expected.DifferencesFrom(await DatabaseSchema.ReadSqliteAsync(connection));

        Assert.Contains(differences, d => d.Contains("stray", StringComparison.Ordinal));
    }
}
