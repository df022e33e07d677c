using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Sla;

/// <summary>A public holiday (法定节假日) span as published, e.g. 国庆节 2026-10-01..2026-10-07.</summary>
public sealed record HolidaySpan(string Name, string NameEn, DateOnly From, DateOnly To);

/// <summary>A weekend day worked to make up for a bridged holiday (调休上班).</summary>
public sealed record MakeUpWorkday(DateOnly Date, string For);

/// <summary>One year's published holiday arrangement and how sure we are of it.</summary>
public sealed record HolidayYear(int Year, string Source, string Status, IReadOnlyList<HolidaySpan> Holidays, IReadOnlyList<MakeUpWorkday> MakeUpWorkdays);

/// <summary>The calendar asset (<c>assets/calendar/cn-workdays.json</c>) as data.</summary>
public sealed record WorkingCalendarDocument(int Version, string TimeZone, IReadOnlyList<WorkingHoursDto> WorkingHours, IReadOnlyList<HolidayYear> Years);

/// <summary>Office hours as "HH:mm" strings.</summary>
public sealed record WorkingHoursDto(string Start, string End);

/// <summary>Reads and writes the working-calendar asset and builds a <see cref="WorkingCalendar"/> from it.</summary>
public static class WorkingCalendarJson
{
    public const string FileName = "cn-workdays.json";

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(WorkingCalendarDocument document) => JsonSerializer.Serialize(document, Options);

    public static WorkingCalendar Parse(string json)
    {
        var document = JsonSerializer.Deserialize<WorkingCalendarDocument>(json, Options)
            ?? throw new FormatException($"{FileName} is empty.");
        return Build(document);
    }

    public static WorkingCalendar Load(string calendarDirectory) =>
        Parse(File.ReadAllText(Path.Combine(calendarDirectory, FileName)));

    public static async Task<WorkingCalendar> LoadAsync(string calendarDirectory, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync(Path.Combine(calendarDirectory, FileName), cancellationToken));

    public static WorkingCalendar Build(WorkingCalendarDocument document)
    {
        var periods = (document.WorkingHours ?? throw new FormatException($"{FileName}: 'workingHours' is required."))
            .Select(h => new WorkingPeriod(ParseTime(h.Start), ParseTime(h.End)));
        var years = document.Years ?? throw new FormatException($"{FileName}: 'years' is required.");
        var holidays = new List<DateOnly>();
        foreach (var span in years.SelectMany(y => y.Holidays))
        {
            if (span.To < span.From)
            {
                throw new FormatException($"{FileName}: holiday {span.Name} ends ({span.To:yyyy-MM-dd}) before it starts ({span.From:yyyy-MM-dd}).");
            }

            for (var date = span.From; date <= span.To; date = date.AddDays(1))
            {
                holidays.Add(date);
            }
        }

        return new WorkingCalendar(
            ResolveTimeZone(document.TimeZone),
            periods,
            holidays,
            years.SelectMany(y => y.MakeUpWorkdays).Select(m => m.Date),
            years.Select(y => y.Year));
    }

    // China has had no daylight saving since 1991, so a fixed +08:00 zone is exact if the host lacks tzdata.
    private static TimeZoneInfo ResolveTimeZone(string id)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        if (id == "Asia/Shanghai")
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }

        throw new FormatException($"{FileName}: unknown time zone '{id}'.");
    }

    private static TimeOnly ParseTime(string text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new FormatException($"{FileName}: working hour '{text}' is not HH:mm.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
