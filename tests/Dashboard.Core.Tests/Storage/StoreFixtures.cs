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

/// <summary>Creates migrated stores of either provider for storage tests.</summary>
internal static class Stores
{
    public static async Task<(SqliteCityDbContext Db, SqliteConnection Connection)> NewSqliteAsync(string? path = null)
    {
        path ??= Path.Combine(Path.GetTempPath(), $"citybrain-test-{Guid.NewGuid():N}.db");
        var connection = new SqliteConnection(StoreServiceCollectionExtensions.SqliteConnectionString(path));
        var builder = new DbContextOptionsBuilder<SqliteCityDbContext>();
        StoreServiceCollectionExtensions.ConfigureSqlite(builder, connection.ConnectionString);
        var db = new SqliteCityDbContext(builder.Options);
        await db.Database.MigrateAsync();
        return (db, connection);
    }

    public static PostgresCityDbContext NewPostgres(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgresCityDbContext>();
        StoreServiceCollectionExtensions.ConfigurePostgres(builder, connectionString);
        return new PostgresCityDbContext(builder.Options);
    }
}
