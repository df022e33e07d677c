using Dashboard.Core.Incidents;
using Dashboard.Core.Quarantine;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Jobs;

/// <summary>What one retention sweep moved.</summary>
public sealed record RetentionResult(int ReportPayloads, int QuarantineMessages);

/// <summary>
/// Moves raw payloads of resolved cases (closed, rejected or merged longer than <see cref="RetentionOptions.Days"/>
/// ago) into <c>archived_report_payloads</c> and clears them on the report, and moves old quarantined messages into
/// <c>archived_quarantine</c>. Copy and clear happen in one transaction per batch, so nothing is lost halfway.
/// </summary>
public sealed class RetentionSweeper(IDbContextFactory<CityDbContext> contexts, TimeProvider time, IOptions<RetentionOptions> options)
{
    private static readonly IncidentStatus[] Resolved = [IncidentStatus.Closed, IncidentStatus.Rejected, IncidentStatus.Merged];

    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var cutoff = now.AddDays(-options.Value.Days);
        var batch = options.Value.BatchSize;
        var payloads = 0;
        var quarantined = 0;

        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await (
                    from r in db.Set<IncidentReport>().AsNoTracking()
                    join i in db.Set<Incident>().AsNoTracking() on EF.Property<long>(r, "IncidentId") equals i.Id
                    where Resolved.Contains(i.Status) && i.UpdatedUtc < cutoff && r.PayloadJson != null
                    orderby r.Id
                    select new { r.Id, i.Number, r.PayloadJson })
                .Take(batch)
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            db.AddRange(rows.Select(r => new ArchivedReportPayload(r.Id, r.Number, r.PayloadJson!, now)));
            await db.SaveChangesAsync(cancellationToken);
            var ids = rows.Select(r => r.Id).ToList();
            await db.Set<IncidentReport>().Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PayloadJson, (string?)null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            payloads += rows.Count;
        }

        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var old = await db.Set<QuarantinedMessage>().AsNoTracking()
                .Where(q => q.ReceivedAtUtc < cutoff)
                .OrderBy(q => q.Id)
                .Take(batch)
                .ToListAsync(cancellationToken);
            if (old.Count == 0)
            {
                break;
            }

            db.AddRange(old.Select(q => new ArchivedQuarantineMessage(q, now)));
            await db.SaveChangesAsync(cancellationToken);
            var ids = old.Select(q => q.Id).ToList();
            await db.Set<QuarantinedMessage>().Where(q => ids.Contains(q.Id)).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            quarantined += old.Count;
        }

        return new RetentionResult(payloads, quarantined);
    }
}
