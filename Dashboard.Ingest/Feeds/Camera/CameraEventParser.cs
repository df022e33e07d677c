using System.Text.Json;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Camera;

/// <summary>
/// Video-analytics (AI) events from the camera platform, JSON, one object or an array; schema in README.md.
/// The camera registry supplies location unless the event carries one.
/// </summary>
public sealed class CameraEventParser(FeedParseOptions? options = null)
{
    private const FeedSource Source = FeedSource.Camera;
    private readonly FeedParseOptions _options = options ?? FeedParseOptions.Default;

    /// <summary>The camera platform's name in <see cref="NormalizedEvent.SourceSystem"/>.</summary>
    public string SourceSystem { get; init; } = "video-ai";

    /// <summary>Detections below this confidence (0..1) are acknowledged but produce no event.</summary>
    public double MinimumConfidence { get; init; }

    public ParseResult Parse(ReadOnlyMemory<byte> body, string contentType = "application/json")
    {
        var raw = RawPayload.From(body, contentType);
        using var document = JsonFields.Parse(Source, body, _options);
        var items = JsonFields.Items(Source, document.RootElement);
        var events = new List<NormalizedEvent>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (ParseOne(items[i], items.Count == 1 ? "" : $"[{i}].", raw) is { } e)
            {
                events.Add(e);
            }
        }

        return events.Count == 0
            ? ParseResult.Ignored(raw, $"every detection is below the confidence floor {MinimumConfidence}")
            : new ParseResult(events, raw);
    }

    private NormalizedEvent? ParseOne(JsonElement item, string path, RawPayload raw)
    {
        var warnings = new List<string>();
        var eventId = JsonFields.RequiredString(Source, item, "eventId", path);
        var cameraId = JsonFields.RequiredString(Source, item, "cameraId", path);
        var eventType = JsonFields.RequiredString(Source, item, "eventType", path);
        var (feedKey, severity) = CameraEventTypes.Resolve(eventType)
            ?? throw new FeedParseException(Source, path + "eventType", $"'{eventType}' is not a known analytics event (占道经营, 出店经营, 乱堆物料, 暴露垃圾, 非机动车乱停放, 道路积水, 烟火, 人员聚集)");
        var stateText = JsonFields.String(item, "state") ?? "active";
        var state = stateText.ToLowerInvariant() switch
        {
            "active" or "start" => EventState.Active,
            "inactive" or "stop" or "end" => EventState.Cleared,
            _ => throw new FeedParseException(Source, path + "state", $"'{stateText}' is not active or inactive"),
        };
        var occurredAt = FeedTime.ParseIsoWithOffset(Source, path + "occurredAt", JsonFields.String(item, "occurredAt"));

        var confidence = JsonFields.Double(Source, item, "confidence", path);
        if (confidence is > 1 and <= 100)
        {
            warnings.Add($"{path}confidence: {confidence} read as a percentage");
            confidence /= 100;
        }
        else if (confidence is < 0 or > 1)
        {
            throw new FeedParseException(Source, path + "confidence", $"{confidence} is not between 0 and 1");
        }

        if (confidence < MinimumConfidence && state == EventState.Active)
        {
            return null;
        }

        int? channel = JsonFields.Double(Source, item, "channel", path) is { } c ? (int)c : null;
        var attributes = new Dictionary<string, string> { ["camera.eventType"] = eventType };
        if (confidence is { } conf)
        {
            attributes["camera.confidence"] = conf.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var name in (ReadOnlySpan<string>)["algorithm", "region", "videoUrl"])
        {
            if (JsonFields.String(item, name) is { } value)
            {
                attributes["camera." + name] = value;
            }
        }

        var media = JsonFields.StringList(item, "snapshotUrl");
        EventLocation? location = null;
        var lon = JsonFields.Double(Source, item, "lon", path);
        var lat = JsonFields.Double(Source, item, "lat", path);
        if (lon is not null && lat is not null)
        {
            var crs = JsonFields.ParseCrs(Source, JsonFields.String(item, "crs"), path + "crs") ?? Crs.Wgs84;
            location = JsonFields.Point(Source, lon.Value, lat.Value, crs, path + "lon/lat", warnings);
        }

        return new NormalizedEvent
        {
            Source = Source,
            SourceSystem = SourceSystem,
            ExternalId = eventId,
            FeedKey = feedKey,
            Severity = severity,
            State = state,
            OccurredAtUtc = occurredAt,
            Location = location,
            AddressText = JsonFields.String(item, "address"),
            Title = feedKey,
            MediaUrls = media,
            CameraId = cameraId,
            Channel = channel,
            Attributes = attributes,
            Warnings = warnings,
            Raw = raw,
        };
    }
}
