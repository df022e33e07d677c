namespace Dashboard.Ingest.Normalization;

/// <summary>
/// The outcome of parsing one received message: zero or more events. Zero events with an
/// <see cref="IgnoredReason"/> means the message was understood and deliberately produces nothing
/// (a keep-alive, a clean inspection); it should be acknowledged, not quarantined.
/// </summary>
public sealed record ParseResult(IReadOnlyList<NormalizedEvent> Events, RawPayload Raw, string? IgnoredReason = null)
{
    public static ParseResult Ignored(RawPayload raw, string reason) => new([], raw, reason);

    public static ParseResult Of(NormalizedEvent normalizedEvent) => new([normalizedEvent], normalizedEvent.Raw);
}
