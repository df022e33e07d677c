using Dashboard.Core.Catalog;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Classification;

/// <summary>
/// Finds the catalog item (巡查事项) an event is about. Feeds name things their own way, so several
/// spellings are tried, most specific first: the feed key as the catalog lists it, the item code itself
/// (Open311 service codes and grid-app reports use it), <c>source:key</c> as <see cref="FeedKey"/> builds
/// it, and the item's Chinese name (grid workers pick names like 占道经营).
/// </summary>
public sealed class IncidentClassifier(InspectionCatalog catalog, string? fallbackItemCode = null)
{
    public InspectionCatalog Catalog => catalog;

    public CatalogItem Classify(NormalizedEvent e)
    {
        var key = e.FeedKey.Trim();
        if (catalog.FindByFeedKey(key) is { } byFeedKey)
        {
            return byFeedKey;
        }

        if (catalog.TryGetItem(key, out var byCode) && byCode is not null)
        {
            return byCode;
        }

        if (CatalogPrefix(e.Source) is { } prefix && catalog.FindByFeedKey(prefix + ":" + key) is { } byPrefixedKey)
        {
            return byPrefixedKey;
        }

        if (CameraAliases.TryGetValue(key, out var alias) && (catalog.FindByFeedKey(FeedKey.CameraSource + ":" + alias) ?? catalog.FindByFeedKey(alias)) is { } byAlias)
        {
            return byAlias;
        }

        // 12345 platforms number their question types differently; the type's name ("街面秩序/占道经营") is what the
        // catalog lists, by its last segment.
        if (e.Source == FeedSource.Hotline12345 && e.Attributes.TryGetValue("12345.questionName", out var question)
            && catalog.FindByFeedKey(FeedKey.Hotline(question.Split('/')[^1])) is { } byQuestionName)
        {
            return byQuestionName;
        }

        // Grid workers' apps send their own item codes (JM-05) with the item's name (占道经营) beside them.
        var name = e.Attributes.TryGetValue("grid.itemName", out var itemName) ? itemName : key;
        if (catalog.Items.FirstOrDefault(i => i.Name == name || i.Name == key) is { } byName)
        {
            return byName;
        }

        if (fallbackItemCode is not null && catalog.TryGetItem(fallbackItemCode, out var fallback) && fallback is not null)
        {
            return fallback;
        }

        throw new FeedParseException(e.Source, KeyField(e.Source), $"'{key}' is not an inspection item, feed key or item code of the catalog");
    }

    /// <summary>
    /// Camera events without an item of their own, and the item they are filed under: motion and alarm inputs from a
    /// registered camera are security alarms at a guarded site (区域入侵). The intake sends them here only from cameras the
    /// registry knows.
    /// </summary>
    private static readonly Dictionary<string, string> CameraAliases = new(StringComparer.Ordinal)
    {
        ["camera.motion"] = "camera.intrusion",
        ["camera.io"] = "camera.intrusion",
    };

    private static string? CatalogPrefix(FeedSource source) => source switch
    {
        FeedSource.Camera or FeedSource.Isapi => FeedKey.CameraSource,
        FeedSource.Iot => FeedKey.IotSource,
        FeedSource.Hotline12345 => FeedKey.HotlineSource,
        _ => null,
    };

    /// <summary>The name the sender uses for the field that carried the key, so the 400 points at it.</summary>
    public static string KeyField(FeedSource source) => source switch
    {
        FeedSource.Open311 => "service_code",
        FeedSource.Hotline12345 => "questionCode",
        FeedSource.Cap => "info/event",
        FeedSource.Iot => "alarmType",
        FeedSource.Isapi => "eventType",
        FeedSource.Camera => "eventType",
        FeedSource.Grid => "itemCode",
        _ => "feedKey",
    };
}
