using System.Text.Json;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Grid;

/// <summary>A grid worker's position fix, WGS-84, UTC.</summary>
public readonly record struct PatrolPosition(LonLat Position, DateTimeOffset AtUtc, double? AccuracyMetres);

/// <summary>A batch of patrol positions uploaded by one worker's app (not incidents: they feed coverage and "nearest worker").</summary>
public sealed record PatrolTrack(string WorkerId, string? BatchId, IReadOnlyList<PatrolPosition> Positions, IReadOnlyList<string> Warnings, RawPayload Raw);

/// <summary>
/// The grid workers' (网格员) mobile app: inspection reports against the one-table checklist (一表通) and
/// patrol position uploads. Schemas in README.md. Each anomalous checklist item becomes one event; items
/// found in order produce nothing.
/// </summary>
public sealed class GridReportParser(FeedParseOptions? options = null)
{
    private const FeedSource Source = FeedSource.Grid;
    private readonly FeedParseOptions _options = options ?? FeedParseOptions.Default;

    public string SourceSystem { get; init; } = "grid-app";

    /// <summary>Phones report GCJ-02 unless the app says otherwise (the map SDKs in Chinese apps use it).</summary>
    public Crs DefaultCrs { get; init; } = Crs.Gcj02;

    public ParseResult ParseInspection(ReadOnlyMemory<byte> body, string contentType = "application/json")
    {
        var raw = RawPayload.From(body, contentType);
        using var document = JsonFields.Parse(Source, body, _options);
        var report = document.RootElement;
        if (report.ValueKind != JsonValueKind.Object)
        {
            throw new FeedParseException(Source, "body", "must be one inspection report object");
        }

        var warnings = new List<string>();
        var reportId = JsonFields.RequiredString(Source, report, "reportId");
        var workerId = JsonFields.RequiredString(Source, report, "workerId");
        var gridCode = JsonFields.RequiredString(Source, report, "gridCode");
        if (gridCode.Length != 15 || !gridCode.All(char.IsAsciiDigit))
        {
            throw new FeedParseException(Source, "gridCode", $"'{gridCode}' is not a 15-digit grid code (6 district + 3 street + 3 community + 3 grid)");
        }

        var submittedAt = FeedTime.ParseIsoWithOffset(Source, "submittedAt", JsonFields.String(report, "submittedAt"));
        var reportCrs = JsonFields.ParseCrs(Source, JsonFields.String(report, "crs"), "crs") ?? DefaultCrs;
        var location = ReadPoint(report, "", reportCrs, warnings);
        var handledDefault = JsonFields.Bool(Source, report, "handledOnTheSpot") ?? false;
        var reportPhotos = JsonFields.StringList(report, "photos");
        if (!report.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            throw new FeedParseException(Source, "items", "is required: the checklist items inspected, each with anomaly true/false");
        }

        var events = new List<NormalizedEvent>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = $"items[{index++}].";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new FeedParseException(Source, path.TrimEnd('.'), "is not an object");
            }

            var itemCode = JsonFields.String(item, "itemCode");
            var itemName = JsonFields.String(item, "itemName");
            var feedKey = itemCode ?? itemName ?? throw new FeedParseException(Source, path + "itemCode", "itemCode or itemName is required");
            var anomaly = JsonFields.Bool(Source, item, "anomaly", path) ?? throw new FeedParseException(Source, path + "anomaly", "is required (true when the item is not in order)");
            if (!anomaly)
            {
                continue;
            }

            var handled = JsonFields.Bool(Source, item, "handledOnTheSpot", path) ?? handledDefault;
            var severity = JsonFields.Double(Source, item, "severity", path) is { } s
                ? (int)s is >= 1 and <= 5 ? (int)s : throw new FeedParseException(Source, path + "severity", $"{s} is not 1..5")
                : Severity.Low;
            var photos = JsonFields.StringList(item, "photos");
            photos.AddRange(reportPhotos);
            var attributes = new Dictionary<string, string>
            {
                ["grid.workerId"] = workerId,
                ["grid.reportId"] = reportId,
                ["grid.handledOnTheSpot"] = handled ? "true" : "false",
            };
            if (itemName is not null)
            {
                attributes["grid.itemName"] = itemName;
            }

            events.Add(new NormalizedEvent
            {
                Source = Source,
                SourceSystem = SourceSystem,
                ExternalId = $"{reportId}/{feedKey}",
                FeedKey = feedKey,
                Severity = severity,
                // 当场处置: solved by the worker on the spot, recorded for statistics, nothing to dispatch.
                State = handled ? EventState.Closed : EventState.Open,
                OccurredAtUtc = submittedAt,
                Location = ReadPoint(item, path, reportCrs, warnings) ?? location,
                AddressText = JsonFields.String(item, "address") ?? JsonFields.String(report, "address"),
                GeoCodes = [new GeoCode("grid", gridCode)],
                Title = itemName ?? itemCode,
                Description = JsonFields.String(item, "note"),
                MediaUrls = photos,
                Attributes = attributes,
                Warnings = warnings,
                Raw = raw,
            });
        }

        return events.Count == 0 ? ParseResult.Ignored(raw, "inspection found every item in order") : new ParseResult(events, raw);
    }

    public PatrolTrack ParsePatrol(ReadOnlyMemory<byte> body, string contentType = "application/json")
    {
        var raw = RawPayload.From(body, contentType);
        using var document = JsonFields.Parse(Source, body, _options);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FeedParseException(Source, "body", "must be one patrol upload object");
        }

        var warnings = new List<string>();
        var workerId = JsonFields.RequiredString(Source, root, "workerId");
        var crs = JsonFields.ParseCrs(Source, JsonFields.String(root, "crs"), "crs") ?? DefaultCrs;
        if (!root.TryGetProperty("positions", out var positions) || positions.ValueKind != JsonValueKind.Array)
        {
            throw new FeedParseException(Source, "positions", "is required: an array of {lon, lat, at}");
        }

        var list = new List<PatrolPosition>(positions.GetArrayLength());
        var index = 0;
        foreach (var p in positions.EnumerateArray())
        {
            var path = $"positions[{index++}].";
            var lon = JsonFields.Double(Source, p, "lon", path) ?? throw new FeedParseException(Source, path + "lon", "is required");
            var lat = JsonFields.Double(Source, p, "lat", path) ?? throw new FeedParseException(Source, path + "lat", "is required");
            var at = FeedTime.ParseIsoWithOffset(Source, path + "at", JsonFields.String(p, "at"));
            var point = JsonFields.Point(Source, lon, lat, crs, path + "lon/lat", warnings).Point!.Value;
            list.Add(new PatrolPosition(point, at, JsonFields.Double(Source, p, "accuracy", path)));
        }

        // Apps queue fixes offline and upload them out of order; consumers want a track.
        list.Sort((a, b) => a.AtUtc.CompareTo(b.AtUtc));
        return new PatrolTrack(workerId, JsonFields.String(root, "batch"), list, warnings, raw);
    }

    private static EventLocation? ReadPoint(JsonElement obj, string path, Crs fallbackCrs, List<string> warnings)
    {
        var lon = JsonFields.Double(Source, obj, "lon", path);
        var lat = JsonFields.Double(Source, obj, "lat", path);
        if (lon is null && lat is null)
        {
            return null;
        }

        if (lon is null || lat is null)
        {
            throw new FeedParseException(Source, path + "lon/lat", "lon and lat must be given together");
        }

        var crs = JsonFields.ParseCrs(Source, JsonFields.String(obj, "crs"), path + "crs") ?? fallbackCrs;
        return JsonFields.Point(Source, lon.Value, lat.Value, crs, path + "lon/lat", warnings);
    }
}
