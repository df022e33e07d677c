using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Normalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Ingest.Feeds.Open311;

/// <summary>A parsed GeoReport v2 POST: the event plus what the endpoint must check before accepting it.</summary>
/// <param name="ApiKey">The caller's api_key, for the endpoint to verify (403 if wrong). Never stored with the event.</param>
public sealed record Open311Submission(string? ApiKey, string? JurisdictionId, NormalizedEvent Event);

/// <summary>
/// Open311 GeoReport v2 "POST requests" bodies, form-urlencoded as the spec says, or JSON. Tolerates the
/// spec's own quirks: numeric or string ids, lat/long as strings, surrounding spaces, JSON numbers with
/// leading zeros (<c>"service_code":006</c>) from the spec samples.
/// </summary>
/// <remarks>
/// A citizen's POST carries no id of its own; the external id is the SHA-256 of the body, so a client retrying the
/// identical request does not create a second incident. The endpoint answers with its own service_request_id and a
/// token (that hash). An upstream GeoReport server relaying its requests (the city's 12345 platform) sends them in
/// the spec's service-request shape instead: its <c>service_request_id</c> is the external id, and a later copy with
/// another <c>status</c>, <c>status_notes</c> or <c>updated_datetime</c> is an update of the same request.
/// </remarks>
public sealed class Open311Parser(TimeProvider timeProvider, FeedParseOptions? options = null)
{
    public const int MaxDescriptionLength = 4000;

    private static readonly string[] PiiFields = ["email", "device_id", "account_id", "first_name", "last_name", "phone"];

    private readonly FeedParseOptions _options = options ?? FeedParseOptions.Default;

    /// <summary>Service codes graded above the default (hazards such as a sinkhole or a missing cover). Others are 2.</summary>
    public IReadOnlyDictionary<string, int> SeverityByServiceCode { get; init; } = new Dictionary<string, int>();

    public Open311Submission Parse(ReadOnlyMemory<byte> body, string contentType)
    {
        if (body.Length > _options.MaxDocumentBytes)
        {
            throw new FeedParseException(FeedSource.Open311, "body", $"is {body.Length} bytes, over the {_options.MaxDocumentBytes}-byte limit");
        }

        var raw = RawPayload.From(body, contentType);
        var warnings = new List<string>();
        var fields = contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? ReadJson(body, warnings)
            : ReadForm(body);
        return Build(fields, raw, warnings);
    }

    /// <summary>The spec's error body: <c>[{"code":400,"description":"..."}]</c>.</summary>
    public static string ErrorBody(int code, string description) => ErrorBody([(code, description)]);

    public static string ErrorBody(IEnumerable<(int Code, string Description)> errors)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (code, description) in errors)
            {
                writer.WriteStartObject();
                writer.WriteNumber("code", code);
                writer.WriteString("description", description);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The spec error body for a rejected POST (400) naming the field.</summary>
    public static string ErrorBody(FeedParseException error) => ErrorBody(400, $"{error.Field}: {error.Problem}");

    private static Dictionary<string, List<string>> ReadForm(ReadOnlyMemory<byte> body)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            using var reader = new FormReader(Encoding.UTF8.GetString(body.Span));
            foreach (var (key, values) in reader.ReadForm())
            {
                var name = key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key;
                if (!result.TryGetValue(name, out var list))
                {
                    result[name] = list = [];
                }

                foreach (var value in values)
                {
                    list.Add(value ?? "");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new FeedParseException(FeedSource.Open311, "body", $"is not a valid form body: {ex.Message}", ex);
        }

        return result;
    }

    private Dictionary<string, List<string>> ReadJson(ReadOnlyMemory<byte> body, List<string> warnings)
    {
        var repaired = LeadingZeroNumbers.Quote(body.Span);
        if (repaired is not null)
        {
            warnings.Add("body: JSON numbers with leading zeros (e.g. service_code 006) read as strings");
            body = repaired;
        }

        using var document = JsonFields.Parse(FeedSource.Open311, body, _options);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
        {
            root = root[0];
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FeedParseException(FeedSource.Open311, "body", "must be one JSON object (a service request)");
        }

        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "attribute" && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var attribute in property.Value.EnumerateObject())
                {
                    result[$"attribute[{attribute.Name}]"] = Values(attribute.Value);
                }
            }
            else
            {
                var name = property.Name.EndsWith("[]", StringComparison.Ordinal) ? property.Name[..^2] : property.Name;
                result[name] = Values(property.Value);
            }
        }

        return result;
    }

    private static List<string> Values(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(Scalar).Where(v => v is not null).Select(v => v!).ToList(),
        _ => Scalar(value) is { } single ? [single] : [],
    };

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private Open311Submission Build(Dictionary<string, List<string>> fields, RawPayload raw, List<string> warnings)
    {
        string? Field(string name) =>
            fields.TryGetValue(name, out var values) && values.Count > 0 && values[0].Trim() is { Length: > 0 } v ? v : null;

        var serviceCode = Field("service_code") ?? throw new FeedParseException(FeedSource.Open311, "service_code", "is required");
        var jurisdiction = Field("jurisdiction_id");
        var lat = Field("lat");
        var lon = Field("long");
        var address = Field("address_string");
        var addressId = Field("address_id");

        EventLocation? location = null;
        if (lat is not null || lon is not null)
        {
            if (lat is null || lon is null)
            {
                throw new FeedParseException(FeedSource.Open311, lat is null ? "lat" : "long", "lat and long must be given together");
            }

            location = JsonFields.Point(FeedSource.Open311, Number(lon, "long"), Number(lat, "lat"), Crs.Wgs84, "lat/long", warnings);
        }
        else if (address is null && addressId is null)
        {
            throw new FeedParseException(FeedSource.Open311, "lat", "a location is required: lat and long, address_string or address_id");
        }

        var description = Field("description");
        if (description is not null)
        {
            if (description.Length > MaxDescriptionLength)
            {
                throw new FeedParseException(FeedSource.Open311, "description", $"is {description.Length} characters, over the {MaxDescriptionLength} limit");
            }

            if (LooksLikeHtml(description))
            {
                throw new FeedParseException(FeedSource.Open311, "description", "must be plain text; HTML markup is not allowed");
            }
        }

        var media = new List<string>();
        if (Field("media_url") is { } mediaUrl)
        {
            if (!Uri.TryCreate(mediaUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new FeedParseException(FeedSource.Open311, "media_url", $"'{mediaUrl}' is not an absolute http(s) URL");
            }

            media.Add(mediaUrl);
        }

        var attributes = new Dictionary<string, string> { ["open311.service_code"] = serviceCode };
        foreach (var (key, values) in fields)
        {
            if (key.StartsWith("attribute[", StringComparison.Ordinal) && key.EndsWith(']'))
            {
                attributes["attribute." + key["attribute[".Length..^1]] = string.Join(",", values.Select(v => v.Trim()));
            }
        }

        var upstreamId = Field("service_request_id");
        var status = Field("status")?.ToLowerInvariant();
        if (status is not (null or "open" or "closed"))
        {
            throw new FeedParseException(FeedSource.Open311, "status", $"'{Field("status")}' is not open or closed");
        }

        if (Field("status_notes") is { } notes)
        {
            attributes["open311.status_notes"] = notes;
        }

        var updated = Field("updated_datetime");
        if (updated is not null)
        {
            // Only checked: the value itself is part of the revision, and a malformed one would make every copy look new.
            _ = FeedTime.ParseIsoWithOffset(FeedSource.Open311, "updated_datetime", updated);
            attributes["open311.updated_datetime"] = updated;
        }

        var requested = Field("requested_datetime");
        var geoCodes = addressId is null ? new List<GeoCode>() : [new GeoCode("address_id", addressId)];
        var reporter = ReadReporter(Field);
        var e = new NormalizedEvent
        {
            Source = FeedSource.Open311,
            SourceSystem = jurisdiction ?? "open311",
            ExternalId = upstreamId ?? "sha256:" + raw.Sha256,
            FeedKey = serviceCode,
            Severity = SeverityByServiceCode.TryGetValue(serviceCode, out var graded) ? graded : Severity.Low,
            State = status == "closed" ? EventState.Closed : EventState.Open,
            Revision = upstreamId is null ? null : string.Join("|", status, Field("status_notes"), updated),
            OccurredAtUtc = requested is null ? timeProvider.GetUtcNow() : FeedTime.ParseIsoWithOffset(FeedSource.Open311, "requested_datetime", requested),
            Location = location,
            AddressText = address,
            GeoCodes = geoCodes,
            Title = description is null ? null : Shorten(description),
            Description = description,
            MediaUrls = media,
            Attributes = attributes,
            Reporter = reporter,
            Warnings = warnings,
            Raw = raw,
        };
        return new Open311Submission(Field("api_key"), jurisdiction, e);
    }

    private static PersonalData? ReadReporter(Func<string, string?> field)
    {
        if (PiiFields.All(f => field(f) is null))
        {
            return null;
        }

        var name = string.Join(" ", new[] { field("first_name"), field("last_name") }.Where(n => n is not null));
        return new PersonalData
        {
            Name = name.Length == 0 ? null : name,
            Phone = field("phone"),
            Email = field("email"),
            DeviceId = field("device_id"),
            AccountId = field("account_id"),
        };
    }

    private static double Number(string text, string field) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FeedParseException(FeedSource.Open311, field, $"'{text}' is not a number");

    private static bool LooksLikeHtml(string text)
    {
        for (var i = text.IndexOf('<'); i >= 0 && i < text.Length - 1; i = text.IndexOf('<', i + 1))
        {
            var next = text[i + 1];
            if (char.IsAsciiLetter(next) || next is '/' or '!')
            {
                return true;
            }
        }

        return false;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 59), "…");
}
