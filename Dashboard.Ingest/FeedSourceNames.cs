using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest;

/// <summary>The lower-case names sources carry in the store and in URLs (<c>cap</c>, <c>hotline12345</c>).</summary>
public static class FeedSourceNames
{
    public static string Of(FeedSource source) => source.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out FeedSource source) =>
        Enum.TryParse(name, ignoreCase: true, out source) && Enum.IsDefined(source);
}
