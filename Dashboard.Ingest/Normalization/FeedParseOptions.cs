namespace Dashboard.Ingest.Normalization;

/// <summary>Limits and site facts the parsers need. One instance is shared (immutable).</summary>
public sealed record FeedParseOptions
{
    public static FeedParseOptions Default { get; } = new();

    /// <summary>Largest document accepted, in bytes (and in XML characters). Guards against memory exhaustion.</summary>
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Zone for feeds that send local times without an offset (12345 callTime, vendor telemetry). Asia/Shanghai
    /// has been UTC+08:00 without daylight saving since 1991, so the fixed offset is exact.
    /// </summary>
    public TimeSpan SiteUtcOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>CAP info blocks are picked in this order of language; the first block wins when none match.</summary>
    public IReadOnlyList<string> PreferredLanguages { get; init; } = ["zh-CN", "en-US"];
}
