using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Geo;

namespace Dashboard.Ingest.Normalization;

/// <summary>
/// Tolerant field access over <see cref="JsonElement"/> for the human-scale feeds (tickets, camera AI, grid
/// reports): numbers may come as strings and vice versa, blanks count as absent, and every failure names
/// the field. The telemetry hot path does not use this.
/// </summary>
internal static class JsonFields
{
    public static JsonDocument Parse(FeedSource source, ReadOnlyMemory<byte> body, FeedParseOptions options)
    {
        if (body.Length == 0)
        {
            throw new FeedParseException(source, "body", "is empty");
        }

        if (body.Length > options.MaxDocumentBytes)
        {
            throw new FeedParseException(source, "body", $"is {body.Length} bytes, over the {options.MaxDocumentBytes}-byte limit");
        }

        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FeedParseException(source, ex.Path is { Length: > 1 } path ? path : "body", $"is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The items of a body that is either one object or an array of objects.</summary>
    public static List<JsonElement> Items(FeedSource source, JsonElement root)
    {
        var items = new List<JsonElement>();
        if (root.ValueKind == JsonValueKind.Object)
        {
            items.Add(root);
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new FeedParseException(source, $"[{items.Count}]", "is not a JSON object");
                }

                items.Add(item);
            }
        }
        else
        {
            throw new FeedParseException(source, "body", "must be a JSON object or an array of objects");
        }

        return items;
    }

    public static string? String(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static string RequiredString(FeedSource source, JsonElement obj, string name, string path = "") =>
        String(obj, name) ?? throw new FeedParseException(source, path + name, "is required");

    public static double? Double(FeedSource source, JsonElement obj, string name, string path = "")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)
            ? parsed
            : throw new FeedParseException(source, path + name, $"'{text}' is not a number");
    }

    public static bool? Bool(FeedSource source, JsonElement obj, string name, string path = "")
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.Number => value.GetRawText() != "0",
            JsonValueKind.String => value.GetString()?.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "y" or "是" => true,
                "false" or "0" or "no" or "n" or "否" => false,
                "" or null => null,
                var other => throw new FeedParseException(source, path + name, $"'{other}' is not a yes/no value"),
            },
            _ => throw new FeedParseException(source, path + name, "is not a yes/no value"),
        };
    }

    public static List<string> StringList(JsonElement obj, string name)
    {
        var list = new List<string>();
        if (!obj.TryGetProperty(name, out var value))
        {
            return list;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString()?.Trim() is { Length: > 0 } single)
        {
            list.Add(single);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString()?.Trim() is { Length: > 0 } text)
                {
                    list.Add(text);
                }
            }
        }

        return list;
    }

    /// <summary>"wgs84" | "cgcs2000" | "gcj02" | "bd09" (case-insensitive, dashes ignored); null when absent.</summary>
    public static Crs? ParseCrs(FeedSource source, string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        return text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "wgs84" or "epsg:4326" => Crs.Wgs84,
            "cgcs2000" or "epsg:4490" => Crs.Cgcs2000,
            "gcj02" or "amap" or "tencent" => Crs.Gcj02,
            "bd09" or "bd09ll" or "baidu" => Crs.Bd09,
            _ => throw new FeedParseException(source, field, $"'{text}' is not one of wgs84, cgcs2000, gcj02, bd09"),
        };
    }

    /// <summary>
    /// A point from separate lon/lat values, range-checked. A pair obviously given as lat,lon inside China
    /// (first value ≤ 90, second > 90) is swapped with a warning: that mistake is common in vendor feeds.
    /// </summary>
    public static EventLocation Point(FeedSource source, double lon, double lat, Crs crs, string field, List<string> warnings)
    {
        if (lon is >= -90 and <= 90 && lat is > 90 and <= 180)
        {
            warnings.Add($"{field}: ({lon}, {lat}) looks like lat,lon; swapped");
            (lon, lat) = (lat, lon);
        }

        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            throw new FeedParseException(source, field, $"({lon}, {lat}) is not a valid longitude/latitude");
        }

        return EventLocation.FromPoint(lon, lat, crs);
    }
}
