using System.Globalization;

namespace Dashboard.Ingest.Normalization;

/// <summary>Date-time parsing shared by the parsers: what each feed promises, and what it actually sends.</summary>
internal static class FeedTime
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    /// <summary>
    /// ISO 8601 with an explicit offset or 'Z' (Open311, ISAPI, camera/grid feeds). A zone-less value is refused:
    /// guessing would silently shift incidents by hours.
    /// </summary>
    public static DateTimeOffset ParseIsoWithOffset(FeedSource source, string field, string? value)
    {
        var text = Require(source, field, value);
        if (!HasOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new FeedParseException(source, field, $"'{text}' is not an ISO 8601 date-time with offset (e.g. 2025-03-05T10:47:40+08:00)");
        }

        return parsed.ToUniversalTime();
    }

    /// <summary>
    /// CAP's dateTime: the XSD wants "yyyy-MM-ddTHH:mm:ss±hh:mm" exactly. 'Z' and fractional seconds
    /// occur in real feeds and are accepted with a warning; a missing offset is refused.
    /// </summary>
    public static DateTimeOffset ParseCap(string field, string? value, List<string> warnings)
    {
        var text = Require(FeedSource.Cap, field, value);
        if (!HasOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new FeedParseException(FeedSource.Cap, field, $"'{text}' is not an ISO 8601 date-time with offset (CAP requires e.g. 2003-06-17T14:57:00-07:00)");
        }

        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            warnings.Add($"{field}: '{text}' is not in CAP's strict form yyyy-MM-ddTHH:mm:ss±hh:mm ('Z' or fractions); accepted");
        }

        return parsed.ToUniversalTime();
    }

    /// <summary>
    /// Local wall-clock times from Chinese platforms ("2024-05-01 08:12:45"): read in the site zone.
    /// A value that does carry an offset is honoured.
    /// </summary>
    public static DateTimeOffset ParseSiteLocal(FeedSource source, string field, string? value, TimeSpan siteOffset)
    {
        var text = Require(source, field, value);
        if (HasOffset(text))
        {
            return ParseIsoWithOffset(source, field, text);
        }

        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new FeedParseException(source, field, $"'{text}' is not a date-time in the form yyyy-MM-dd HH:mm:ss");
        }

        return new DateTimeOffset(local, siteOffset).ToUniversalTime();
    }

    private static string Require(FeedSource source, string field, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new FeedParseException(source, field, "is required")
            : value.Trim();

    /// <summary>True when the text ends in 'Z' or ±hh:mm / ±hhmm after the time part.</summary>
    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T');
        if (t < 0)
        {
            t = text.IndexOf(' ');
        }

        if (t < 0)
        {
            return false;
        }

        var time = text.AsSpan(t + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') > 0;
    }
}
