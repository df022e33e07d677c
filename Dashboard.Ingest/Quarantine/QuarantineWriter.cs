using Dashboard.Core.Quarantine;
using Dashboard.Core.Storage;
using Dashboard.Ingest.Normalization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Ingest.Quarantine;

/// <summary>
/// Keeps a refused message with its reason. Written at once in its own small unit of work (not through the
/// batch writer) so the sender's 400 is only sent after the evidence is stored, even when the pipeline is full.
/// </summary>
public sealed class QuarantineWriter(IDbContextFactory<CityDbContext> contexts, TimeProvider time, ILogger<QuarantineWriter> logger)
{
    public async Task<long> KeepAsync(FeedSource source, FeedParseError error, RawPayload raw, string? remoteAddress, CancellationToken cancellationToken)
    {
        var message = new QuarantinedMessage(
            FeedSourceNames.Of(source),
            time.GetUtcNow().ToUniversalTime(),
            error.Field,
            error.Problem,
            raw.ContentType,
            raw.Bytes.ToArray(),
            raw.Sha256,
            remoteAddress);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Set<QuarantinedMessage>().Add(message);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Quarantined a {Source} message ({Bytes} bytes) as #{Id}: {Field}: {Problem}",
            source, raw.Bytes.Length, message.Id, error.Field, error.Problem);
        return message.Id;
    }
}
