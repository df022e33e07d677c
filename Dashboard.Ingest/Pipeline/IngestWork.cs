using Dashboard.Ingest.Feeds.Grid;
using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Pipeline;

/// <summary>
/// One accepted request on its way to the store: its events and readings, and the promise the HTTP
/// handler awaits. The batch writer completes <see cref="Committed"/> only after the transaction that
/// holds this work has committed, so a 2xx always means "stored".
/// </summary>
public sealed class IngestWork
{
    public IngestWork(FeedSource source, IReadOnlyList<NormalizedEvent> events, TelemetryBatch? telemetry = null, PatrolTrack? patrol = null)
    {
        Source = source;
        Events = events;
        Telemetry = telemetry;
        Patrol = patrol;
    }

    /// <summary>Grid workers' positions: published on the change log for the live map, nothing else.</summary>
    public PatrolTrack? Patrol { get; }

    public FeedSource Source { get; }

    public IReadOnlyList<NormalizedEvent> Events { get; }

    /// <summary>Device readings: stored as rows, and evaluated against thresholds by the writer (which owns alarm state).</summary>
    public TelemetryBatch? Telemetry { get; }

    /// <summary>Where each event was placed, filled in before the work is queued.</summary>
    public Dictionary<NormalizedEvent, Locating.Placement> Placements { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Catalog item per event, filled in before the work is queued. Absent only for a message that merely refers to
    /// an earlier one (a CAP Cancel without info): the writer finds the incident by the reference instead.
    /// </summary>
    public Dictionary<NormalizedEvent, Dashboard.Core.Catalog.CatalogItem> Items { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Events recorded as device events instead of incidents, with the reason; filled in before the work is queued.</summary>
    public Dictionary<NormalizedEvent, string> RecordOnly { get; } = new(ReferenceEqualityComparer.Instance);

    private readonly TaskCompletionSource<IngestReceipt> _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IngestReceipt> Committed => _committed.Task;

    internal void Complete(IngestReceipt receipt) => _committed.TrySetResult(receipt);

    internal void Fail(Exception error) => _committed.TrySetException(error);
}

/// <summary>What the store did with one request.</summary>
public sealed record IngestReceipt(IReadOnlyList<IngestedEvent> Events, int ReadingsStored);

/// <summary>What happened to one event: which incident now carries it and why.</summary>
public sealed record IngestedEvent(string ExternalId, string? IncidentNumber, IngestOutcome Outcome, string? Reason);

public enum IngestOutcome
{
    /// <summary>A new incident was opened.</summary>
    Created,

    /// <summary>The same (source, external id) was seen before; the report was updated in place.</summary>
    Updated,

    /// <summary>Redelivery of a message already stored: nothing changed.</summary>
    Unchanged,

    /// <summary>The same source reported the same problem nearby: joined the open incident as another report.</summary>
    Joined,

    /// <summary>A different source reported the same problem: fused into one incident with both provenances.</summary>
    Fused,

    /// <summary>A sensor alarm state change (raised again, cleared) applied to its one alert.</summary>
    AlarmUpdated,

    /// <summary>Understood and deliberately stored as nothing (not live, keep-alive).</summary>
    Ignored,

    /// <summary>An authentic device message that opens no incident (face capture, plate read, unregistered camera): kept as a device event.</summary>
    Recorded,
}

/// <summary>Where an event lies in the city: the grid, community and street, or outside the district.</summary>
public sealed record Place(string? StreetCode, string? CommunityCode, string? GridCode, string? StreetName, bool IsOutsideDistrict)
{
    public static Place Unlocated { get; } = new(null, null, null, null, false);

    public static Place Outside { get; } = new(null, null, null, null, true);
}
