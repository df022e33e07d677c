using System.Globalization;

namespace Dashboard.Wall;

/// <summary>How the wall writes its numbers; <c>wall/format.ts</c> writes live values the same way.</summary>
public static class WallFormat
{
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Minutes under two hours, else hours with one decimal.</summary>
    public static string Duration(double? minutes, bool english) => minutes switch
    {
        null => "—",
        < 120 => minutes.Value.ToString("0", CultureInfo.InvariantCulture) + (english ? " min" : "分钟"),
        _ => (minutes.Value / 60).ToString("0.0", CultureInfo.InvariantCulture) + (english ? " h" : "小时"),
    };
}
