using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

/// <summary>
/// Applies the provider's hand-written migrations; safe to call on every start, and on PostgreSQL safe for several
/// nodes starting at once: they migrate one after the other, and the later ones find nothing pending.
/// </summary>
public sealed class StoreMigrator(IDbContextFactory<CityDbContext> contexts, ILogger<StoreMigrator> logger)
{
    /// <summary>A fixed key for pg_advisory_lock ("MIGRATE" in spirit), distinct from the change log's.</summary>
    private const long AdvisoryLockKey = 0x4D49_4752_4154_45;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            // SQLite: one process owns the file; EF Core's own lock table covers the rest.
            await ApplyAsync(db, cancellationToken);
            return;
        }

        // EF Core's migration lock on PostgreSQL did not stop two nodes migrating an empty database together from
        // both applying the same migration (42P07 "relation already exists"). A session advisory lock, held on the
        // connection the migrations then run on, makes the second node wait and read the pending list afresh.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            try
            {
                await ApplyAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ApplyAsync(CityDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to the {Provider} store: {Migrations}",
                pending.Count, db.Database.ProviderName, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
