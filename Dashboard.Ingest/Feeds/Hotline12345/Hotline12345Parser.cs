using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Hotline12345;

/// <summary>
/// 12345 政务服务便民热线 work orders (工单) as JSON: one order or an array. No public schema exists
/// (FEEDS.md §8); the field names follow a real hotline entity and are documented in README.md here.
/// Times without an offset are Beijing time; coordinates may be GCJ-02 or BD-09 and are converted.
/// </summary>
public sealed class Hotline12345Parser(FeedParseOptions? options = null)
{
    private const FeedSource Source = FeedSource.Hotline12345;
    private readonly FeedParseOptions _options = options ?? FeedParseOptions.Default;

    /// <summary>The hotline platform's name in <see cref="NormalizedEvent.SourceSystem"/> (one district may receive from the city and province platforms).</summary>
    public string SourceSystem { get; init; } = "12345";

    /// <summary>Platforms that do not say which map their coordinates came from almost always use AMap/Tencent (GCJ-02).</summary>
    public Crs DefaultCrs { get; init; } = Crs.Gcj02;

    public ParseResult Parse(ReadOnlyMemory<byte> body, string contentType = "application/json")
    {
        var raw = RawPayload.From(body, contentType);
        using var document = JsonFields.Parse(Source, body, _options);
        var items = JsonFields.Items(Source, document.RootElement);
        var events = new List<NormalizedEvent>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            events.Add(ParseOrder(items[i], items.Count == 1 ? "" : $"[{i}].", raw));
        }

        return new ParseResult(events, raw);
    }

    private NormalizedEvent ParseOrder(JsonElement order, string path, RawPayload raw)
    {
        var warnings = new List<string>();
        var orderNum = JsonFields.RequiredString(Source, order, "orderNum", path);
        var callTime = FeedTime.ParseSiteLocal(Source, path + "callTime", JsonFields.String(order, "callTime"), _options.SiteUtcOffset);
        var questionCode = JsonFields.String(order, "questionCode");
        var questionName = JsonFields.String(order, "questionName");
        var feedKey = questionCode ?? questionName ?? throw new FeedParseException(Source, path + "questionCode", "questionCode or questionName is required to classify the order");

        var attributes = new Dictionary<string, string>();
        foreach (var name in (ReadOnlySpan<string>)["questionName", "sourceType", "callerType", "orderState", "organizationName", "organizationCode", "subOfficeName", "handleDays", "timeUnit", "urgeOrderNum", "isTimeout", "pilotLight"])
        {
            if (JsonFields.String(order, name) is { } value)
            {
                attributes["12345." + name] = value;
            }
        }

        var callerType = JsonFields.String(order, "callerType");
        if (callerType is not null && callerType is not ("咨询" or "求助" or "投诉" or "举报" or "建议" or "其他" or "表扬"))
        {
            warnings.Add($"{path}callerType: '{callerType}' is not one of 咨询/求助/投诉/举报/建议");
        }

        var deadline = JsonFields.String(order, "delayDeadlineDate") ?? JsonFields.String(order, "deadlineDate");
        var references = new List<EventReference>();
        if (JsonFields.String(order, "oldOrderNum") is { } oldOrder)
        {
            references.Add(new EventReference(SourceSystem, oldOrder, null));
        }

        return new NormalizedEvent
        {
            Source = Source,
            SourceSystem = SourceSystem,
            ExternalId = orderNum,
            FeedKey = feedKey,
            Severity = MapPilotLight(JsonFields.String(order, "pilotLight"), callerType, path, warnings),
            State = MapOrderState(JsonFields.String(order, "orderState")),
            Revision = RevisionOf(order),
            OccurredAtUtc = callTime,
            DueAtUtc = deadline is null ? null : FeedTime.ParseSiteLocal(Source, path + "deadlineDate", deadline, _options.SiteUtcOffset),
            Location = ParseLocation(order, path, warnings),
            AddressText = JsonFields.String(order, "address"),
            Title = JsonFields.String(order, "title") ?? questionName,
            Description = JsonFields.String(order, "majorContent"),
            MediaUrls = JsonFields.StringList(order, "mediaUrls"),
            References = references,
            Attributes = attributes,
            Reporter = ParseReporter(order, path),
            Warnings = warnings,
            Raw = raw,
        };
    }

    /// <summary>
    /// The platform resends an order as it moves (派单 → 办结 → 回访), is urged (催办) or extended (延期) under the same
    /// number; these fields tell such an update from a plain redelivery.
    /// </summary>
    private static string? RevisionOf(JsonElement order)
    {
        var parts = new[] { "orderState", "completeTime", "deadlineDate", "delayDeadlineDate", "urgeOrderNum", "isTimeout" }
            .Select(name => JsonFields.String(order, name))
            .ToArray();
        return parts.All(p => p is null) ? null : string.Join("|", parts);
    }

    /// <summary>紧急程度: words (特急/紧急/一般) or traffic-light colours (红/黄/绿), or 1..5 digits.</summary>
    private static int MapPilotLight(string? pilotLight, string? callerType, string path, List<string> warnings)
    {
        switch (pilotLight)
        {
            case null:
                return callerType == "咨询" ? Severity.Information : Severity.Low;
            case "特急" or "特别紧急" or "红" or "红灯" or "red":
                return Severity.Critical;
            case "紧急" or "加急" or "橙" or "橙灯" or "orange":
                return Severity.High;
            case "较急" or "黄" or "黄灯" or "yellow":
                return Severity.Moderate;
            case "一般" or "普通" or "绿" or "绿灯" or "green":
                return Severity.Low;
        }

        if (int.TryParse(pilotLight, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 5)
        {
            return level;
        }

        warnings.Add($"{path}pilotLight: '{pilotLight}' is not a known urgency; graded 2");
        return Severity.Low;
    }

    private static EventState MapOrderState(string? orderState) => orderState switch
    {
        null => EventState.Open,
        _ when orderState.Contains('撤') || orderState.Contains("作废", StringComparison.Ordinal) => EventState.Cancelled,
        _ when orderState.Contains("办结", StringComparison.Ordinal) || orderState.Contains("归档", StringComparison.Ordinal)
            || orderState.Contains("回访", StringComparison.Ordinal) || orderState.Contains("评价", StringComparison.Ordinal) => EventState.Closed,
        _ => EventState.Open,
    };

    /// <summary>Either lon + lat, or addressPoints as "lon,lat" (first pair if several, ';'-separated) or [lon, lat].</summary>
    private EventLocation? ParseLocation(JsonElement order, string path, List<string> warnings)
    {
        double? lon = JsonFields.Double(Source, order, "lon", path) ?? JsonFields.Double(Source, order, "lng", path);
        var lat = JsonFields.Double(Source, order, "lat", path);
        var field = path + "lon/lat";
        if (lon is null && lat is null && order.TryGetProperty("addressPoints", out var points))
        {
            field = path + "addressPoints";
            (lon, lat) = ReadAddressPoints(points, field);
        }

        if (lon is null || lat is null)
        {
            if (lon is not null || lat is not null)
            {
                throw new FeedParseException(Source, field, "lon and lat must be given together");
            }

            return null;
        }

        var crsText = JsonFields.String(order, "crs");
        var crs = JsonFields.ParseCrs(Source, crsText, path + "crs");
        if (crs is null)
        {
            warnings.Add($"{path}crs: not given; coordinates read as {DefaultCrs}");
        }

        return JsonFields.Point(Source, lon.Value, lat.Value, crs ?? DefaultCrs, field, warnings);
    }

    private static (double? Lon, double? Lat) ReadAddressPoints(JsonElement points, string field)
    {
        if (points.ValueKind == JsonValueKind.Array && points.GetArrayLength() == 2 && points[0].ValueKind == JsonValueKind.Number)
        {
            return (points[0].GetDouble(), points[1].GetDouble());
        }

        if (points.ValueKind == JsonValueKind.String && points.GetString() is { Length: > 0 } text)
        {
            var first = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            var parts = first.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
            {
                return (lon, lat);
            }
        }

        if (points.ValueKind is JsonValueKind.Null || (points.ValueKind == JsonValueKind.String && points.GetString() is "" or null))
        {
            return (null, null);
        }

        throw new FeedParseException(Source, field, $"{points.GetRawText()} is not \"lon,lat\" or [lon, lat]");
    }

    private static PersonalData? ParseReporter(JsonElement order, string path)
    {
        var name = JsonFields.String(order, "callerName");
        var phone = JsonFields.String(order, "callerPhone");
        var isSecret = JsonFields.Bool(Source, order, "isSecret", path) ?? false;
        return name is null && phone is null && !isSecret
            ? null
            : new PersonalData { Name = name, Phone = phone, IsSecret = isSecret };
    }
}
