using Dashboard.Core.Catalog;
using Dashboard.Ingest.Classification;
using Dashboard.Ingest.Feeds.Grid;
using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.Ingest.Locating;
using Dashboard.Ingest.Normalization;
using Dashboard.Ingest.Quarantine;

namespace Dashboard.Ingest.Pipeline;

/// <summary>The answer to one feed request, before it is rendered in the feed's own error style.</summary>
public abstract record IntakeResult
{
    /// <summary>Committed: safe to acknowledge.</summary>
    public sealed record Stored(IngestReceipt Receipt) : IntakeResult;

    /// <summary>Understood, deliberately nothing to store (keep-alive, test message); acknowledge.</summary>
    public sealed record Ignored(string Reason) : IntakeResult;

    /// <summary>Bad input: 400 naming the field; the raw message is in quarantine.</summary>
    public sealed record Rejected(FeedParseError Error, long QuarantineId) : IntakeResult;

    /// <summary>The pipeline is full: 503 with Retry-After.</summary>
    public sealed record Busy(int RetryAfterSeconds) : IntakeResult;

    /// <summary>Accepted but the store refused it: not acknowledged (500), the sender retries.</summary>
    public sealed record Failed(string Problem) : IntakeResult;
}

/// <summary>
/// The request side of the pipeline: parse → validate (catalog) → normalize → locate → queue, then wait
/// for the batch writer's commit. Anything refused on the way is quarantined before the 400 is sent.
/// </summary>
public sealed class FeedIntake(
    FeedParsers parsers,
    IncidentClassifier classifier,
    IPlaceLocator locator,
    IngestQueue queue,
    QuarantineWriter quarantine,
    TelemetryParser telemetryParser,
    GridReportParser gridParser,
    Microsoft.Extensions.Options.IOptions<IngestOptions> options)
{
    public async Task<IntakeResult> ReceiveAsync(FeedSource source, byte[] body, string contentType, string? remoteAddress, CancellationToken cancellationToken)
    {
        var raw = RawPayload.From(body, contentType);
        try
        {
            var parsed = parsers.Parse(source, body, contentType);
            return await QueueAsync(source, parsed.Events, parsed.IgnoredReason, telemetry: null, cancellationToken);
        }
        catch (FeedParseException error)
        {
            var id = await quarantine.KeepAsync(source, error.ToError(), raw, remoteAddress, cancellationToken);
            return new IntakeResult.Rejected(error.ToError(), id);
        }
    }

    /// <summary>
    /// Device telemetry: the readings are stored as rows, and the batch writer (which owns per-device alarm state)
    /// turns threshold crossings into sensor alerts. One bad reading refuses the whole body (vendors resend whole batches).
    /// </summary>
    public async Task<IntakeResult> ReceiveTelemetryAsync(byte[] body, string contentType, string? remoteAddress, CancellationToken cancellationToken)
    {
        try
        {
            var batch = telemetryParser.Parse(body, contentType);
            return await QueueAsync(FeedSource.Iot, [], null, batch, cancellationToken);
        }
        catch (FeedParseException error)
        {
            var id = await quarantine.KeepAsync(FeedSource.Iot, error.ToError(), RawPayload.From(body, contentType), remoteAddress, cancellationToken);
            return new IntakeResult.Rejected(error.ToError(), id);
        }
    }

    /// <summary>A grid worker's patrol positions: committed as one change-log row the live map follows.</summary>
    public async Task<IntakeResult> ReceivePatrolAsync(byte[] body, string contentType, string? remoteAddress, CancellationToken cancellationToken)
    {
        try
        {
            var track = gridParser.ParsePatrol(body, contentType);
            var work = new IngestWork(FeedSource.Grid, [], patrol: track);
            return await EnqueueAndWaitAsync(work, cancellationToken);
        }
        catch (FeedParseException error)
        {
            var id = await quarantine.KeepAsync(FeedSource.Grid, error.ToError(), RawPayload.From(body, contentType), remoteAddress, cancellationToken);
            return new IntakeResult.Rejected(error.ToError(), id);
        }
    }

    private async Task<IntakeResult> QueueAsync(
        FeedSource source,
        IReadOnlyList<NormalizedEvent> parsedEvents,
        string? ignoredReason,
        TelemetryBatch? telemetry,
        CancellationToken cancellationToken)
    {
        var events = parsedEvents.Where(e => e.IsLive).ToList();
        if (events.Count == 0 && (telemetry is null || telemetry.Readings.Count == 0))
        {
            return new IntakeResult.Ignored(ignoredReason
                ?? (parsedEvents.Count > 0 ? "not a live message (test, exercise, draft or system); nothing to page anyone about" : "the message carries no events"));
        }

        var work = new IngestWork(source, events, telemetry);
        foreach (var e in events)
        {
            work.Placements[e] = EventPlacement.Place(e, locator);
            if (RecordOnlyReason(e) is { } reason)
            {
                work.RecordOnly[e] = reason;
            }
            else if (e.References.Count == 0 || e.State is EventState.Active or EventState.Open)
            {
                if (TryClassify(e) is { } item)
                {
                    work.Items[e] = item;
                }
                else if (e.Source == FeedSource.Isapi)
                {
                    // A camera's own event type is authentic and well-formed even when the catalog has no item for it.
                    work.RecordOnly[e] = $"no catalog item maps {e.FeedKey} (eventType {e.Attributes.GetValueOrDefault("isapi.eventType")}); recorded, nobody paged";
                }
                else
                {
                    work.Items[e] = classifier.Classify(e);
                }
            }
            else if (TryClassify(e) is { } item)
            {
                work.Items[e] = item;
            }
        }

        return await EnqueueAndWaitAsync(work, cancellationToken);
    }

    private string? RecordOnlyReason(NormalizedEvent e)
    {
        if (e.RecordOnlyReason is { } reason)
        {
            return reason;
        }

        var device = e.CameraId ?? e.DeviceId;
        return e.RequiresRegisteredDevice && (device is null || locator.PositionOf(device) is null)
            ? $"{e.Attributes.GetValueOrDefault("isapi.eventType") ?? e.FeedKey} from {device}, which is not in the camera registry: nobody knows what it guards; recorded, nobody paged"
            : null;
    }

    private CatalogItem? TryClassify(NormalizedEvent e)
    {
        try
        {
            return classifier.Classify(e);
        }
        catch (FeedParseException)
        {
            return null;
        }
    }

    private async Task<IntakeResult> EnqueueAndWaitAsync(IngestWork work, CancellationToken cancellationToken)
    {
        if (!queue.TryEnqueue(work))
        {
            return new IntakeResult.Busy(options.Value.RetryAfterSeconds);
        }

        try
        {
            return new IntakeResult.Stored(await work.Committed.WaitAsync(cancellationToken));
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new IntakeResult.Failed("The message was accepted but could not be stored; it was not acknowledged. Retry it.");
        }
    }
}
