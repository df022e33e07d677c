using System.Globalization;

namespace Dashboard.Localization;

/// <summary>
/// Shows instants in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving). Storage and
/// logic stay in UTC; this is the edge where people read times.
/// </summary>
public static class ChinaTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToChina(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateTimeOffset Now(TimeProvider time) => ToChina(time.GetUtcNow());

    /// <summary>Date and minute, e.g. <c>2026-11-23 21:05</c> (the same in both UI languages).</summary>
    public static string Format(DateTimeOffset instant) =>
        ToChina(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Time of day with seconds, e.g. <c>21:05:09</c>, for tickers and timelines.</summary>
    public static string FormatTime(DateTimeOffset instant) =>
        ToChina(instant).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with the +08:00 offset, for <c>&lt;time datetime&gt;</c> and the browser client.</summary>
    public static string FormatIso(DateTimeOffset instant) =>
        ToChina(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
