using Microsoft.Extensions.Options;

namespace Dashboard.Ingest.Pipeline;

/// <summary>
/// The one reader of the ingest queue: takes what is waiting (up to the batch size) and hands it to the
/// <see cref="IncidentBatchWriter"/>. Thin on purpose; a failing batch is handled (and answered) there and
/// never escapes this loop.
/// </summary>
internal sealed class IngestWriterService(IngestQueue queue, IServiceProvider services, IOptions<IngestOptions> options, ILogger<IngestWriterService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not in the constructor: the catalog and city it needs are loaded by the store's
        // start-up, which runs before this service starts but after the host constructs it.
        var writer = services.GetRequiredService<IncidentBatchWriter>();
        var batchSize = options.Value.BatchSize;
        var batch = new List<IngestWork>(batchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < batchSize && queue.Reader.TryRead(out var work))
                {
                    batch.Add(work);
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    await writer.WriteAsync(batch, stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(error, "The batch writer failed unexpectedly; {Count} requests were not acknowledged", batch.Count);
                    foreach (var work in batch)
                    {
                        work.Fail(error);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is still queued was never acknowledged, so its senders will retry.
        }
        finally
        {
            queue.Complete();
            var abandoned = new OperationCanceledException("The ingest pipeline is stopping.");
            foreach (var work in batch)
            {
                work.Fail(abandoned);
            }

            while (queue.Reader.TryRead(out var left))
            {
                left.Fail(abandoned);
            }
        }
    }
}
