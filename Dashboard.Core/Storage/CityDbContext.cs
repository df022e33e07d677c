using Dashboard.Core.Incidents;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.Core.Storage.Conversions;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Dashboard.Core.Storage;

/// <summary>
/// The city's store: hierarchy, catalog, registry, incidents and the change log.
/// One instance per unit of work, always from <see cref="IDbContextFactory{TContext}"/>; never kept
/// for a long-lived connection (a hub, a feed loop).
/// </summary>
/// <remarks>
/// Each provider has its own subclass so that each carries its own hand-written migrations
/// (EF's design-time tools cannot be restored here; see docs/decisions/0002-hand-written-migrations.md).
/// </remarks>
public abstract class CityDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();

    /// <summary>True when this context writes to PostgreSQL.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CityDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Geometry>().HaveConversion<WkbGeometryConverter, GeometryComparer>();
        if (!IsPostgresProvider(Database.ProviderName))
        {
            // SQLite has no instant type: store UTC ticks so ordering and range filters run in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: every write path here is asynchronous.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeLog.AddRange(DrainChangeLog());
        if (!ChangeTracker.Entries<ChangeLogEntry>().Any(e => e.State == EntityState.Added))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (!IsPostgres || Database.CurrentTransaction is not null)
        {
            if (IsPostgres)
            {
                await ChangeLogOrdering.LockAsync(this, cancellationToken);
            }

            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await ChangeLogOrdering.LockAsync(this, cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>Collects pending change-log rows and fills derived columns before a save.</summary>
    private List<ChangeLogEntry> DrainChangeLog()
    {
        var drained = new List<ChangeLogEntry>();
        foreach (var entry in ChangeTracker.Entries())
        {
            Configurations.BoundingBoxes.Fill(entry);
            if (entry.Entity is IChangeLogSource source)
            {
                drained.AddRange(source.DrainChanges());
            }
            else if (entry.Entity is Incident incident)
            {
                drained.AddRange(IncidentChangeLog.Drain(incident));
            }
        }

        return drained;
    }

    internal static bool IsPostgresProvider(string? providerName) =>
        providerName == "Npgsql.EntityFrameworkCore.PostgreSQL";
}

/// <summary>The SQLite flavour of the store (embedded demo default).</summary>
public sealed class SqliteCityDbContext(DbContextOptions<SqliteCityDbContext> options) : CityDbContext(options);

/// <summary>The PostgreSQL flavour of the store (production).</summary>
public sealed class PostgresCityDbContext(DbContextOptions<PostgresCityDbContext> options) : CityDbContext(options);
