using Dashboard.Core.Storage;
using Dashboard.TestSupport.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "PostgreSQL cluster";
}

/// <summary>A migrated SQLite store in a temp file; <see cref="Open"/> gives independent contexts on it.</summary>
internal sealed class SqliteStore
{
    private SqliteStore(string path) => ConnectionString = StoreServiceCollectionExtensions.SqliteConnectionString(path);

    public string ConnectionString { get; }

    public static async Task<SqliteStore> CreateAsync(string? path = null)
    {
        var store = new SqliteStore(path ?? Path.Combine(Path.GetTempPath(), $"citybrain-test-{Guid.NewGuid():N}.db"));
        await using var db = store.Open();
        await db.Database.MigrateAsync();
        return store;
    }

    public SqliteCityDbContext Open()
    {
        var builder = new DbContextOptionsBuilder<SqliteCityDbContext>();
        StoreServiceCollectionExtensions.ConfigureSqlite(builder, ConnectionString);
        return new SqliteCityDbContext(builder.Options);
    }

    public SqliteConnection OpenConnection() => new(ConnectionString);
}

internal static class Stores
{
    public static PostgresCityDbContext NewPostgres(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgresCityDbContext>();
        StoreServiceCollectionExtensions.ConfigurePostgres(builder, connectionString);
        return new PostgresCityDbContext(builder.Options);
    }
}
