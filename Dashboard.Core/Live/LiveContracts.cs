using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Storage.ChangeLog;

namespace Dashboard.Core.Live;

/// <summary>
/// One change as the browser receives it. <c>seq</c>, <c>topic</c> and <c>data</c> are what the client's
/// modules use; the rest help the ticker and the audit view. Property names are fixed here, not by serializer
/// options, because they are the wire contract (docs/live-protocol.md).
/// </summary>
public sealed record LiveDelta(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("entityId")] string EntityId,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("critical")] bool IsCritical,
    [property: JsonPropertyName("data")] JsonElement Data)
{
    /// <summary>
    /// Builds the delta of a change-log row. A payload that is not JSON is sent as a JSON string holding the
    /// raw text, so a bad row is visible rather than dropped and never breaks the batch it travels in.
    /// </summary>
    public static LiveDelta From(ChangeLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new LiveDelta(entry.Sequence, entry.EntityType, entry.Kind, entry.EntityId, entry.AtUtc, entry.IsCritical, ParsePayload(entry.Payload));
    }

    private static JsonElement ParsePayload(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(payload);
        }
    }
}

/// <summary>
/// Deltas for one scope, pushed as the <c>batch</c> message. <see cref="After"/> is the <see cref="UpTo"/> of
/// the previous batch sent to this scope (or of the subscriber's catch-up); a client whose last applied sequence
/// is below <see cref="After"/> has missed a batch and must resubscribe. <see cref="UpTo"/> is the global change-log
/// position the batch is complete to: every change of this scope with a sequence ≤ UpTo has now been sent.
/// </summary>
public sealed record LiveBatch(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("after")] long After,
    [property: JsonPropertyName("upTo")] long UpTo,
    [property: JsonPropertyName("deltas")] IReadOnlyList<LiveDelta> Deltas);

/// <summary>
/// The answer to <c>Subscribe</c>: either the missed deltas (<see cref="LiveCatchup.Deltas"/>) or, when the
/// client has no position or is too far behind, a snapshot instruction (<see cref="LiveCatchup.Snapshot"/>):
/// the client reloads its data over HTTP and continues from <see cref="UpTo"/>.
/// </summary>
public sealed record LiveCatchup
{
    public const string DeltasKind = "deltas";
    public const string SnapshotKind = "snapshot";

    private LiveCatchup(string kind, string scope, long? after, long upTo, IReadOnlyList<LiveDelta>? deltas, LiveSnapshotInstruction? snapshot)
    {
        Kind = kind;
        Scope = scope;
        After = after;
        UpTo = upTo;
        Deltas = deltas;
        Snapshot = snapshot;
    }

    /// <summary><c>deltas</c> or <c>snapshot</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; }

    [JsonPropertyName("scope")]
    public string Scope { get; }

    /// <summary>The client's lastSeq the deltas continue from (only for <c>deltas</c>).</summary>
    [JsonPropertyName("after")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? After { get; }

    [JsonPropertyName("upTo")]
    public long UpTo { get; }

    [JsonPropertyName("deltas")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LiveDelta>? Deltas { get; }

    [JsonPropertyName("snapshot")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LiveSnapshotInstruction? Snapshot { get; }

    public static LiveCatchup WithDeltas(LiveScope scope, long after, long upTo, IReadOnlyList<LiveDelta> deltas) =>
        new(DeltasKind, scope.ToString(), after, upTo, deltas, null);

    public static LiveCatchup WithSnapshot(LiveScope scope, long upTo, string reason) =>
        new(SnapshotKind, scope.ToString(), null, upTo, null, new LiveSnapshotInstruction(reason, LiveSnapshotInstruction.UrlFor(scope)));
}

/// <summary>Tells the client why it must reload and where the head position comes from.</summary>
public sealed record LiveSnapshotInstruction(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("url")] string Url)
{
    /// <summary>The client sent no lastSeq (first load).</summary>
    public const string NoPosition = "no-position";

    /// <summary>The client's lastSeq is further behind than the catch-up window.</summary>
    public const string TooFarBehind = "too-far-behind";

    /// <summary>The client's lastSeq is beyond the log's head (the store was replaced).</summary>
    public const string AheadOfLog = "ahead-of-log";

    public static string UrlFor(LiveScope scope) => $"/api/live/snapshot?scope={Uri.EscapeDataString(scope.ToString())}";
}

/// <summary>
/// Pushed as the <c>resync</c> message when the server dropped batches for this connection (it read too slowly):
/// the client must call <c>Subscribe(scope, lastSeq)</c> again.
/// </summary>
public sealed record LiveResync(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>The answer of <c>GET /api/live/snapshot?scope=</c>: the head of the change log when it was read.</summary>
public sealed record LiveSnapshotHead(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("upTo")] long UpTo);
