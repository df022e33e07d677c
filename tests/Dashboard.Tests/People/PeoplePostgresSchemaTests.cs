using Dashboard.People;
using Dashboard.TestSupport.Postgres;
using Dashboard.TestSupport.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Dashboard.Tests.People;

[CollectionDefinition(Name)]
public sealed class PeoplePostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "people-postgres";
}

[Collection(PeoplePostgresCollection.Name)]
public sealed class PeoplePostgresSchemaTests(PostgresClusterFixture postgres)
{
    [PostgresFact]
    public async Task Postgres_people_migrations_produce_exactly_the_model_schema()
    {
        var connectionString = await postgres.CreateDatabaseAsync("people");
        var options = new DbContextOptionsBuilder<PostgresIdentityStoreDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable(IdentityStoreDbContext.MigrationsHistoryTable))
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options;
        await using var db = new PostgresIdentityStoreDbContext(options);
        await db.Database.MigrateAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var expected = DatabaseSchema.FromModel(db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model.GetRelationalModel());
        var actual = (await DatabaseSchema.ReadPostgresAsync(connection)).Without(IdentityStoreDbContext.MigrationsHistoryTable);

        Assert.NotEmpty(expected.Tables);
        Assert.Empty(expected.DifferencesFrom(actual));
    }
}
