using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage.ChangeLog;

/// <summary>
/// Makes commit order equal sequence order on PostgreSQL. Identity values are handed out when rows are
/// inserted, but transactions commit in any order; a tailer reading "sequence &gt; last seen" could then
/// skip a row that commits after a higher one. Every transaction that appends to the log first takes one
/// transaction-scoped advisory lock, so appenders commit one at a time, in sequence order.
/// SQLite needs nothing: it has a single writer.
/// </summary>
internal static class ChangeLogOrdering
{
    /// <summary>An arbitrary, fixed key for pg_advisory_xact_lock ("CITYLOG" in spirit).</summary>
    private const long AdvisoryLockKey = 0x4349_5459_4C4F_47;

    public static Task LockAsync(CityDbContext context, CancellationToken cancellationToken) =>
        context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
}
