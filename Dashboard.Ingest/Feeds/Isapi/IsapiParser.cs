using System.Globalization;
using System.Xml.Linq;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Isapi;

/// <summary>
/// Hikvision ISAPI EventNotificationAlert pushed by cameras and NVRs ("alarm server" / HTTP listening),
/// as plain XML or as multipart/form-data with the XML part followed by JPEG pictures.
/// </summary>
/// <remarks>
/// External id rule: <c>{device}/{channel}/{eventType}/{windowStartUtc:yyyyMMddTHHmmssZ}</c>, where device is the
/// serial number (NVR Extensions) or else the MAC or else the IP address, channel is channelID, dynChannelID or
/// the IO port (0 if none), and the window start is the event time floored to <see cref="RepeatWindow"/>.
/// Devices repeat an active event every second (activePostCount counts up) and retransmit from their buffer, so
/// every repeat inside one window maps to the same id and dedupes. The inactive message uses the same rule, so
/// the incident layer matches it to the latest open window of (device, channel, eventType) rather than by id.
/// When the device sends a UUID (ANPR, smart events: one UUID per detection) the id is <c>{device}/uuid/{UUID}</c>.
/// </remarks>
public sealed class IsapiParser(TimeProvider timeProvider, FeedParseOptions? options = null)
{
    private readonly FeedParseOptions _options = options ?? FeedParseOptions.Default;

    /// <summary>Repeats within this window are one event. Configurable per deployment; 60 s suits 1 Hz repeats.</summary>
    public TimeSpan RepeatWindow { get; init; } = TimeSpan.FromSeconds(60);

    public ParseResult Parse(ReadOnlyMemory<byte> body, string contentType)
    {
        var raw = RawPayload.From(body, contentType);
        if (body.Length > _options.MaxDocumentBytes * 8)
        {
            throw new FeedParseException(FeedSource.Isapi, "body", $"is {body.Length} bytes, over the {_options.MaxDocumentBytes * 8}-byte limit for an alert with pictures");
        }

        ReadOnlyMemory<byte> xml;
        var attachments = new List<MediaAttachment>();
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = MultipartBody.Boundary(contentType)
                ?? throw new FeedParseException(FeedSource.Isapi, "Content-Type", $"'{contentType}' has no boundary parameter");
            xml = default;
            var index = 0;
            foreach (var part in MultipartBody.Split(body, boundary))
            {
                if (xml.IsEmpty && IsXmlPart(part))
                {
                    xml = part.Content;
                }
                else if (!part.Content.IsEmpty)
                {
                    attachments.Add(new MediaAttachment(part.FileName ?? part.Name ?? $"part{index}", part.ContentType ?? "application/octet-stream", part.Content));
                }

                index++;
            }

            if (xml.IsEmpty)
            {
                throw new FeedParseException(FeedSource.Isapi, "body", "multipart body has no XML EventNotificationAlert part");
            }
        }
        else
        {
            xml = body;
        }

        return ParseAlert(SafeXml.Load(FeedSource.Isapi, xml, _options).Root!, raw, attachments);
    }

    private static bool IsXmlPart(MultipartPart part) =>
        part.ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true
        || (part.ContentType is null && part.Content.Span.TrimStart(" \r\n\t"u8).StartsWith("<"u8));

    private ParseResult ParseAlert(XElement root, RawPayload raw, List<MediaAttachment> attachments)
    {
        if (root.Name.LocalName != "EventNotificationAlert")
        {
            throw new FeedParseException(FeedSource.Isapi, "EventNotificationAlert", $"root element is <{root.Name.LocalName}>");
        }

        var warnings = new List<string>();
        var eventType = root.ChildText("eventType") ?? throw new FeedParseException(FeedSource.Isapi, "eventType", "is required");
        var eventState = root.ChildText("eventState") ?? "active";

        // pyHik treats videoloss/inactive as the device's keep-alive; it is not an incident and not a clear.
        if (eventType.Equals("videoloss", StringComparison.OrdinalIgnoreCase) && eventState.Equals("inactive", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Ignored(raw, "videoloss/inactive is the device heartbeat");
        }

        var state = eventState.ToLowerInvariant() switch
        {
            "active" => EventState.Active,
            "inactive" => EventState.Cleared,
            _ => throw new FeedParseException(FeedSource.Isapi, "eventState", $"'{eventState}' is not active or inactive"),
        };

        var extensions = root.Child("Extensions");
        var eventPush = extensions?.ChildText("eventPush");
        var serial = extensions?.ChildText("serialNumber") ?? SerialFromEventPush(eventPush);
        var mac = root.ChildText("macAddress");
        var ip = root.ChildText("ipAddress");
        var device = serial ?? mac ?? ip
            ?? throw new FeedParseException(FeedSource.Isapi, "macAddress", "no device identity: expected Extensions/serialNumber, macAddress or ipAddress");
        if (serial is null && mac is null)
        {
            warnings.Add($"macAddress: missing; device identified by IP {ip}, which may be shared or bogus");
        }

        var channelText = root.ChildText("channelID") ?? root.ChildText("dynChannelID") ?? root.ChildText("inputIOPortID") ?? root.ChildText("dynInputIOPortID");
        int? channel = null;
        if (channelText is not null)
        {
            channel = int.TryParse(channelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && c >= 0
                ? c
                : throw new FeedParseException(FeedSource.Isapi, "channelID", $"'{channelText}' is not a channel number");
        }

        var occurredAt = ParseDateTime(root.ChildText("dateTime"), warnings);
        var (feedKey, severity, isKnown) = IsapiEventTypes.Resolve(eventType);
        if (!isKnown)
        {
            warnings.Add($"eventType: '{eventType}' is not in the mapping table; kept as {feedKey}");
        }

        var attributes = new Dictionary<string, string> { ["isapi.eventType"] = eventType };
        AddIfPresent(attributes, "isapi.activePostCount", root.ChildText("activePostCount"));
        AddIfPresent(attributes, "isapi.ipAddress", ip);
        AddIfPresent(attributes, "isapi.macAddress", mac);
        AddIfPresent(attributes, "isapi.serialNumber", serial);
        AddIfPresent(attributes, "isapi.eventPush", eventPush);
        AddIfPresent(attributes, "isapi.channelName", root.ChildText("channelName"));
        AddIfPresent(attributes, "isapi.inputIOPortID", root.ChildText("inputIOPortID") ?? root.ChildText("dynInputIOPortID"));
        AddIfPresent(attributes, "isapi.targetType", root.ChildText("targetType") ?? DetectionTarget(root));
        var uuid = root.ChildText("UUID");
        AddIfPresent(attributes, "isapi.uuid", uuid);
        var retransmission = string.Equals(root.ChildText("isDataRetransmission"), "true", StringComparison.OrdinalIgnoreCase);
        if (retransmission)
        {
            attributes["isapi.isDataRetransmission"] = "true";
        }

        var policy = IsapiEventTypes.PolicyOf(eventType);
        string? recordOnly = policy == IsapiEventPolicy.RecordOnly
            ? $"{eventType} is recorded, not an incident: a face capture or a plate read reports no problem to handle"
            : null;
        if (root.Child("ANPR") is { } anpr)
        {
            ReadAnpr(anpr, attributes);
            if (IllegalParking(anpr) is { } violation)
            {
                // A plate read that reports a parking violation (违法停车) is the catalog's 机动车违停.
                (feedKey, severity) = (IsapiEventTypes.IllegalParkingKey, Severity.Low);
                attributes["isapi.violation"] = violation;
                recordOnly = null;
            }
        }

        var externalId = uuid is not null
            ? $"{device}/uuid/{uuid}"
            : string.Create(CultureInfo.InvariantCulture, $"{device}/{channel ?? 0}/{eventType}/{WindowStart(occurredAt):yyyyMMdd'T'HHmmss'Z'}");

        var description = root.ChildText("eventDescription");
        var channelName = root.ChildText("channelName");
        return ParseResult.Of(new NormalizedEvent
        {
            Source = FeedSource.Isapi,
            SourceSystem = device,
            ExternalId = externalId,
            FeedKey = feedKey,
            Severity = severity,
            State = state,
            OccurredAtUtc = occurredAt,
            Location = ParseGps(root.Child("DeviceGPSInfo"), warnings),
            Title = channelName is null ? description ?? eventType : $"{description ?? eventType} · {channelName}",
            Attachments = attachments,
            DeviceId = device,
            CameraId = $"{device}/{channel ?? 0}",
            Channel = channel,
            RecordOnlyReason = recordOnly,
            RequiresRegisteredDevice = policy == IsapiEventPolicy.RegisteredCameraAlarm,
            Attributes = attributes,
            Warnings = warnings,
            Raw = raw,
        });
    }

    private DateTimeOffset WindowStart(DateTimeOffset utc)
    {
        var ticks = RepeatWindow.Ticks;
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % ticks), TimeSpan.Zero);
    }

    private DateTimeOffset ParseDateTime(string? text, List<string> warnings)
    {
        if (text is null || text.StartsWith("0000", StringComparison.Ordinal))
        {
            warnings.Add($"dateTime: '{text}' is missing or unset on the device; receive time used");
            return timeProvider.GetUtcNow();
        }

        try
        {
            return FeedTime.ParseIsoWithOffset(FeedSource.Isapi, "dateTime", text);
        }
        catch (FeedParseException)
        {
            // Camera clocks are often set without a zone; they show site local time.
            var local = FeedTime.ParseSiteLocal(FeedSource.Isapi, "dateTime", text, _options.SiteUtcOffset);
            warnings.Add($"dateTime: '{text}' has no offset; read as site local time");
            return local;
        }
    }

    private static EventLocation? ParseGps(XElement? gps, List<string> warnings)
    {
        if (gps is null)
        {
            return null;
        }

        var lon = Degrees(gps.Child("Longitude"));
        var lat = Degrees(gps.Child("Latitude"));
        if (lon is null || lat is null || (lon == 0 && lat == 0))
        {
            warnings.Add("DeviceGPSInfo: incomplete or zero; location left to the camera registry");
            return null;
        }

        var signedLon = string.Equals(gps.ChildText("longitudeType"), "W", StringComparison.OrdinalIgnoreCase) ? -lon.Value : lon.Value;
        var signedLat = string.Equals(gps.ChildText("latitudeType"), "S", StringComparison.OrdinalIgnoreCase) ? -lat.Value : lat.Value;
        if (signedLon is < -180 or > 180 || signedLat is < -90 or > 90)
        {
            warnings.Add("DeviceGPSInfo: out of range; ignored");
            return null;
        }

        return EventLocation.FromPoint(signedLon, signedLat, Crs.Wgs84);
    }

    private static double? Degrees(XElement? dms)
    {
        if (dms is null)
        {
            return null;
        }

        static double Part(XElement parent, string name) =>
            double.TryParse(parent.ChildText(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;

        return Part(dms, "degree") + (Part(dms, "minute") / 60.0) + (Part(dms, "sec") / 3600.0);
    }

    /// <summary>NVR eventPush: "type&amp;&amp;serial,time,channel,version".</summary>
    private static string? SerialFromEventPush(string? eventPush)
    {
        if (eventPush is null)
        {
            return null;
        }

        var amp = eventPush.IndexOf("&&", StringComparison.Ordinal);
        var rest = amp < 0 ? eventPush : eventPush[(amp + 2)..];
        var comma = rest.IndexOf(',');
        var serial = (comma < 0 ? rest : rest[..comma]).Trim();
        return serial.Length == 0 ? null : serial;
    }

    /// <summary>
    /// The plate and vehicle facts of an ANPR alert (field names as Hikvision cameras send them, FEEDS.md §3). A plate
    /// the camera could not read comes as "unknown" and is left out rather than stored as a plate.
    /// </summary>
    private static void ReadAnpr(XElement anpr, Dictionary<string, string> attributes)
    {
        var plate = anpr.ChildText("licensePlate");
        if (plate is not null && !plate.Equals("unknown", StringComparison.OrdinalIgnoreCase))
        {
            attributes["isapi.licensePlate"] = plate;
        }

        foreach (var (field, key) in (ReadOnlySpan<(string, string)>)[
            ("plateColor", "isapi.plateColor"), ("plateType", "isapi.plateType"), ("vehicleType", "isapi.vehicleType"),
            ("direction", "isapi.direction"), ("confidenceLevel", "isapi.plateConfidence"), ("vehicleListName", "isapi.vehicleListName")])
        {
            if (anpr.ChildText(field) is { } value && !value.Equals("unknown", StringComparison.OrdinalIgnoreCase))
            {
                attributes[key] = value;
            }
        }

        if (anpr.Child("vehicleInfo")?.ChildText("color") is { } color && !color.Equals("unknown", StringComparison.OrdinalIgnoreCase))
        {
            attributes["isapi.vehicleColor"] = color;
        }
    }

    /// <summary>
    /// Traffic cameras report a violation in <c>ANPR/illegalInfo</c> (illegalCode, illegalName, illegalDescription);
    /// only parking violations are the command center's business (the rest belong to the traffic police's system).
    /// </summary>
    private static string? IllegalParking(XElement anpr)
    {
        if (anpr.Child("illegalInfo") is not { } illegal)
        {
            return null;
        }

        var text = string.Join(" ", new[] { illegal.ChildText("illegalName"), illegal.ChildText("illegalDescription"), illegal.ChildText("illegalCode") }.Where(t => t is not null));
        return text.Contains("parking", StringComparison.OrdinalIgnoreCase) || text.Contains("停车", StringComparison.Ordinal) || text.Contains("违停", StringComparison.Ordinal)
            ? text
            : null;
    }

    private static string? DetectionTarget(XElement root)
    {
        foreach (var entry in root.Descendants())
        {
            if (entry.Name.LocalName == "detectionTarget" && entry.Value.Trim() is { Length: > 0 } target)
            {
                return target;
            }
        }

        return null;
    }

    private static void AddIfPresent(Dictionary<string, string> attributes, string key, string? value)
    {
        if (value is not null)
        {
            attributes[key] = value;
        }
    }
}
