using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Live;

/// <summary>Reads the change log for the live path; one short-lived context per read.</summary>
public sealed class ChangeLogReader(IDbContextFactory<CityDbContext> contexts)
{
    /// <summary>The highest committed sequence number, or 0 for an empty log.</summary>
    public async Task<long> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChangeLog.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
    }

    /// <summary>Up to <paramref name="limit"/> entries with a sequence above <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ChangeLogEntry>> ReadAfterAsync(long after, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChangeLog.AsNoTracking()
            .Where(e => e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The entries visible to <paramref name="scope"/> with <paramref name="after"/> &lt; sequence ≤ <paramref name="upTo"/>,
    /// oldest first. SQL narrows the rows cheaply; <see cref="LiveScope.Contains"/> decides, so the catch-up and the
    /// live batches can never disagree about what a scope may see.
    /// </summary>
    public async Task<IReadOnlyList<ChangeLogEntry>> ReadForScopeAsync(LiveScope scope, long after, long upTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ChangeLog.AsNoTracking().Where(e => e.Sequence > after && e.Sequence <= upTo);
        query = scope.Kind switch
        {
            LiveScopeKind.Room => query.Where(e => e.EntityType == LiveScope.RoomEntityType && e.EntityId == scope.Code),
            LiveScopeKind.Street or LiveScopeKind.Community => NarrowToStreet(query, scope.Code[..9]),
            _ => query,
        };
        var rows = await query.OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return rows.Where(scope.Contains).ToList();
    }

    private static IQueryable<ChangeLogEntry> NarrowToStreet(IQueryable<ChangeLogEntry> query, string street) =>
        query.Where(e => e.StreetCode == street || e.StreetCode == null);
}
