using System.Globalization;
using System.Xml.Linq;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Cap;

/// <summary>
/// OASIS Common Alerting Protocol 1.2 (1.1 and 1.0 accepted with a warning). One alert → one event,
/// whatever the number of info blocks (they are translations): the preferred language supplies the text.
/// Polygons and circles are "lat,lon" (not GeoJSON's lon,lat) and become WGS-84 areas.
/// </summary>
public sealed class CapParser(FeedParseOptions? options = null)
{
    public const string Namespace12 = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string Namespace11 = "urn:oasis:names:tc:emergency:cap:1.1";
    public const string Namespace10 = "http://www.incident.com/cap/1.0";
    public const string DefaultContentType = "application/cap+xml";

    private readonly FeedParseOptions _options = options ?? FeedParseOptions.Default;

    public ParseResult Parse(ReadOnlyMemory<byte> body, string contentType = DefaultContentType)
    {
        var raw = RawPayload.From(body, contentType);
        var warnings = new List<string>();
        var alert = FindAlert(SafeXml.Load(FeedSource.Cap, body, _options).Root!, warnings);

        var identifier = Required(alert, "identifier");
        if (identifier.AsSpan().IndexOfAny(" ,<&") >= 0)
        {
            warnings.Add($"identifier: '{identifier}' contains a space, comma, '<' or '&', which CAP forbids; accepted");
        }

        var sender = Required(alert, "sender");
        var sent = FeedTime.ParseCap("sent", Required(alert, "sent"), warnings);
        var status = Required(alert, "status");
        var isLive = status switch
        {
            "Actual" => true,
            "Exercise" or "System" or "Test" or "Draft" => false,
            _ => throw new FeedParseException(FeedSource.Cap, "status", $"'{status}' is not one of Actual, Exercise, System, Test, Draft"),
        };

        var msgType = Required(alert, "msgType");
        var state = msgType switch
        {
            "Alert" => EventState.Active,
            "Update" => EventState.Update,
            "Cancel" => EventState.Cancelled,
            "Ack" or "Error" => (EventState?)null,
            _ => throw new FeedParseException(FeedSource.Cap, "msgType", $"'{msgType}' is not one of Alert, Update, Cancel, Ack, Error"),
        };
        if (state is null)
        {
            return ParseResult.Ignored(raw, $"CAP {msgType} acknowledges another message and opens no incident");
        }

        var references = ParseReferences(CapText(alert, "references"), warnings);
        if (state is EventState.Update or EventState.Cancelled && references.Count == 0)
        {
            warnings.Add($"references: a CAP {msgType} should name the message it replaces; none given");
        }

        var attributes = new Dictionary<string, string>
        {
            ["cap.status"] = status,
            ["cap.msgType"] = msgType,
            ["cap.scope"] = CapText(alert, "scope") ?? "",
        };
        AddIfPresent(attributes, "cap.source", CapText(alert, "source"));
        AddIfPresent(attributes, "cap.incidents", CapText(alert, "incidents"));
        AddIfPresent(attributes, "cap.note", CapText(alert, "note"));
        AddIfPresent(attributes, "cap.restriction", CapText(alert, "restriction"));

        var infos = CapChildren(alert, "info").ToList();
        if (infos.Count == 0)
        {
            if (state != EventState.Cancelled)
            {
                throw new FeedParseException(FeedSource.Cap, "info", $"a CAP {msgType} needs at least one info block to say what happened");
            }

            return ParseResult.Of(new NormalizedEvent
            {
                Source = FeedSource.Cap,
                SourceSystem = sender,
                ExternalId = identifier,
                FeedKey = "cap.cancel",
                Severity = Severity.Information,
                State = state.Value,
                IsLive = isLive,
                OccurredAtUtc = sent,
                References = references,
                Attributes = attributes,
                Warnings = warnings,
                Raw = raw,
            });
        }

        var (info, infoIndex) = PickInfo(infos);
        if (infos.Count > 1)
        {
            attributes["cap.languages"] = string.Join(",", infos.Select(i => CapText(i, "language") ?? "en-US"));
        }

        var path = $"info[{infoIndex}]";
        var eventText = CapText(info, "event") ?? throw new FeedParseException(FeedSource.Cap, path + "/event", "is required");
        var categories = CapChildren(info, "category").Select(c => c.Value.Trim()).Where(c => c.Length > 0).ToList();
        if (categories.Count == 0)
        {
            throw new FeedParseException(FeedSource.Cap, path + "/category", "is required (Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other)");
        }

        attributes["cap.category"] = string.Join(",", categories);
        var urgency = CapText(info, "urgency") ?? throw new FeedParseException(FeedSource.Cap, path + "/urgency", "is required");
        var capSeverity = CapText(info, "severity") ?? throw new FeedParseException(FeedSource.Cap, path + "/severity", "is required");
        var certainty = CapText(info, "certainty") ?? throw new FeedParseException(FeedSource.Cap, path + "/certainty", "is required");
        attributes["cap.urgency"] = urgency;
        attributes["cap.severity"] = capSeverity;
        attributes["cap.certainty"] = certainty;

        var responseTypes = CapChildren(info, "responseType").Select(r => r.Value.Trim()).ToList();
        if (responseTypes.Count > 0)
        {
            attributes["cap.responseType"] = string.Join(",", responseTypes);
        }

        if (state == EventState.Active && responseTypes.Contains("AllClear"))
        {
            state = EventState.Cleared;
        }

        foreach (var pair in CapChildren(info, "eventCode").Concat(CapChildren(info, "parameter")))
        {
            var name = CapText(pair, "valueName");
            if (name is not null)
            {
                var key = $"cap.{pair.Name.LocalName}.{name}";
                var value = CapText(pair, "value") ?? "";
                attributes[key] = attributes.TryGetValue(key, out var existing) ? existing + "," + value : value;
            }
        }

        AddIfPresent(attributes, "cap.instruction", CapText(info, "instruction"));
        AddIfPresent(attributes, "cap.senderName", CapText(info, "senderName"));
        AddIfPresent(attributes, "cap.web", CapText(info, "web"));
        AddIfPresent(attributes, "cap.contact", CapText(info, "contact"));

        var severity = MapSeverity(capSeverity, path, warnings);
        if (!isLive || urgency == "Past")
        {
            severity = Severity.Information;
        }

        var onset = OptionalTime(info, "onset", path, warnings);
        var effective = OptionalTime(info, "effective", path, warnings);
        var expires = OptionalTime(info, "expires", path, warnings);

        var media = new List<string>();
        foreach (var resource in CapChildren(info, "resource"))
        {
            if (CapText(resource, "uri") is { } uri)
            {
                media.Add(uri);
            }
        }

        // Translations should carry the same areas; when the preferred one omits them, take the first that has any.
        var areaInfo = CapChildren(info, "area").Any() ? info : infos.FirstOrDefault(i => CapChildren(i, "area").Any()) ?? info;
        var areaPath = $"info[{infos.IndexOf(areaInfo)}]";
        var (location, addressText, geoCodes) = ParseAreas(areaInfo, areaPath, warnings);

        return ParseResult.Of(new NormalizedEvent
        {
            Source = FeedSource.Cap,
            SourceSystem = sender,
            ExternalId = identifier,
            FeedKey = eventText,
            Severity = severity,
            State = state.Value,
            IsLive = isLive,
            OccurredAtUtc = onset ?? effective ?? sent,
            ExpiresAtUtc = expires,
            Location = location,
            AddressText = addressText,
            GeoCodes = geoCodes,
            Title = CapText(info, "headline") ?? eventText,
            Description = CapText(info, "description"),
            MediaUrls = media,
            References = references,
            Attributes = attributes,
            Warnings = warnings,
            Raw = raw,
        });
    }

    private static XElement FindAlert(XElement root, List<string> warnings)
    {
        var alert = root.Name.LocalName == "alert"
            ? root
            : root.Descendants().FirstOrDefault(e => e.Name.LocalName == "alert" && IsCapNamespace(e.Name.NamespaceName))
              ?? throw new FeedParseException(FeedSource.Cap, "alert", $"root element is <{root.Name.LocalName}>, not a CAP <alert>");

        if (alert != root)
        {
            warnings.Add($"alert: unwrapped from a <{root.Name.LocalName}> envelope");
        }

        var ns = alert.Name.NamespaceName;
        if (ns == Namespace12)
        {
            return alert;
        }

        if (ns is Namespace11 or Namespace10)
        {
            warnings.Add($"alert: namespace '{ns}' is an older CAP version; read as CAP 1.2");
            return alert;
        }

        throw new FeedParseException(FeedSource.Cap, "alert", $"namespace '{ns}' is not a CAP namespace (expected {Namespace12})");
    }

    private static bool IsCapNamespace(string ns) => ns is Namespace12 or Namespace11 or Namespace10;

    private (XElement Info, int Index) PickInfo(List<XElement> infos)
    {
        foreach (var preferred in _options.PreferredLanguages)
        {
            for (var i = 0; i < infos.Count; i++)
            {
                var language = CapText(infos[i], "language") ?? "en-US";
                if (string.Equals(language, preferred, StringComparison.OrdinalIgnoreCase))
                {
                    return (infos[i], i);
                }
            }
        }

        return (infos[0], 0);
    }

    private static int MapSeverity(string capSeverity, string path, List<string> warnings)
    {
        switch (capSeverity)
        {
            case "Extreme": return Severity.Critical;
            case "Severe": return Severity.High;
            case "Moderate": return Severity.Moderate;
            case "Minor": return Severity.Low;
            case "Unknown":
                warnings.Add($"{path}/severity: Unknown; treated as Minor until an operator grades it");
                return Severity.Low;
            default:
                throw new FeedParseException(FeedSource.Cap, path + "/severity", $"'{capSeverity}' is not one of Extreme, Severe, Moderate, Minor, Unknown");
        }
    }

    private static List<EventReference> ParseReferences(string? text, List<string> warnings)
    {
        var list = new List<EventReference>();
        if (text is null)
        {
            return list;
        }

        foreach (var triple in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = triple.Split(',');
            if (parts.Length != 3)
            {
                warnings.Add($"references: '{triple}' is not sender,identifier,sent; kept as an identifier");
                list.Add(new EventReference(null, triple, null));
                continue;
            }

            DateTimeOffset? sentUtc = DateTimeOffset.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.None, out var s) ? s.ToUniversalTime() : null;
            list.Add(new EventReference(parts[0], parts[1], sentUtc));
        }

        return list;
    }

    private static (EventLocation? Location, string? AddressText, List<GeoCode> GeoCodes) ParseAreas(XElement info, string path, List<string> warnings)
    {
        var polygons = new List<PolygonArea>();
        var circles = new List<CircleArea>();
        var descriptions = new List<string>();
        var geoCodes = new List<GeoCode>();
        var areaIndex = 0;
        foreach (var area in CapChildren(info, "area"))
        {
            var areaPath = $"{path}/area[{areaIndex++}]";
            var description = CapText(area, "areaDesc");
            if (description is null)
            {
                warnings.Add($"{areaPath}/areaDesc: missing (required by CAP)");
            }
            else
            {
                descriptions.Add(description);
            }

            foreach (var polygon in CapChildren(area, "polygon"))
            {
                polygons.Add(ParsePolygon(polygon.Value, areaPath + "/polygon", warnings));
            }

            foreach (var circle in CapChildren(area, "circle"))
            {
                circles.Add(ParseCircle(circle.Value, areaPath + "/circle"));
            }

            foreach (var geocode in CapChildren(area, "geocode"))
            {
                var name = CapText(geocode, "valueName");
                var value = CapText(geocode, "value");
                if (name is not null && value is not null)
                {
                    geoCodes.Add(new GeoCode(name, value));
                }
            }
        }

        EventLocation? location = null;
        if (polygons.Count + circles.Count > 0)
        {
            // A lone zero-radius circle is CAP's way to give a point (earthquake epicentre).
            location = polygons.Count == 0 && circles.Count == 1 && circles[0].RadiusMetres == 0
                ? new EventLocation { Point = circles[0].Center }
                : new EventLocation { Polygons = polygons, Circles = circles };
        }

        return (location, descriptions.Count == 0 ? null : string.Join("; ", descriptions), geoCodes);
    }

    private static PolygonArea ParsePolygon(string text, string field, List<string> warnings)
    {
        var pairs = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var ring = new List<LonLat>(pairs.Length + 1);
        foreach (var pair in pairs)
        {
            ring.Add(ParseLatLon(pair, field));
        }

        if (ring.Count >= 3 && ring[0] != ring[^1])
        {
            warnings.Add($"{field}: first and last points differ; ring closed");
            ring.Add(ring[0]);
        }

        if (ring.Count < 4)
        {
            throw new FeedParseException(FeedSource.Cap, field, $"has {pairs.Length} points; a CAP polygon needs at least 4 'lat,lon' pairs with first = last");
        }

        return new PolygonArea(ring);
    }

    private static CircleArea ParseCircle(string text, string field)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radiusKm) || radiusKm < 0)
        {
            throw new FeedParseException(FeedSource.Cap, field, $"'{text.Trim()}' is not 'lat,lon radiusKm'");
        }

        return new CircleArea(ParseLatLon(parts[0], field), radiusKm * 1000.0);
    }

    private static LonLat ParseLatLon(string pair, string field)
    {
        var comma = pair.IndexOf(',');
        if (comma < 0
            || !double.TryParse(pair.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(pair.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            throw new FeedParseException(FeedSource.Cap, field, $"'{pair}' is not a 'lat,lon' pair");
        }

        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            var hint = lon is >= -90 and <= 90 && lat is >= -180 and <= 180 ? " (looks like lon,lat: CAP wants latitude first)" : "";
            throw new FeedParseException(FeedSource.Cap, field, $"'{pair}' is out of range{hint}");
        }

        return new LonLat(lon, lat);
    }

    private static DateTimeOffset? OptionalTime(XElement info, string name, string path, List<string> warnings) =>
        CapText(info, name) is { } text ? FeedTime.ParseCap($"{path}/{name}", text, warnings) : null;

    private static string Required(XElement alert, string name) =>
        CapText(alert, name) ?? throw new FeedParseException(FeedSource.Cap, name, "is required");

    // CAP 1.0 feeds in the wild get element case wrong (<responsetype>); the namespace already vouches for the vocabulary.
    private static IEnumerable<XElement> CapChildren(XElement parent, string name) =>
        parent.Elements().Where(e => string.Equals(e.Name.LocalName, name, StringComparison.OrdinalIgnoreCase));

    private static string? CapText(XElement parent, string name)
    {
        var value = CapChildren(parent, name).FirstOrDefault()?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static void AddIfPresent(Dictionary<string, string> attributes, string key, string? value)
    {
        if (value is not null)
        {
            attributes[key] = value;
        }
    }
}
