using Dashboard.Core.Catalog;

namespace Dashboard.Core.Sla;

/// <summary>One stretch of office hours within a day, local time, e.g. 08:30–12:00.</summary>
public sealed record WorkingPeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>
/// Office hours on working days in the district's time zone: weekends off, public holidays (法定节假日) off,
/// make-up workdays (调休上班) on. Turns time limits such as "7 working days" into a due instant in UTC.
/// Dates outside the years the holiday data covers fall back to plain Monday–Friday; <see cref="Covers"/>
/// lets a health check warn before that happens.
/// </summary>
public sealed class WorkingCalendar
{
    // Far beyond any real limit (20 working days across a Spring Festival is < 40 natural days);
    // a guard against a calendar that has no working time at all.
    private const int MaxDaysScanned = 3700;

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;
    private readonly HashSet<int> _coveredYears;

    public WorkingCalendar(
        TimeZoneInfo timeZone,
        IEnumerable<WorkingPeriod> workingPeriods,
        IEnumerable<DateOnly> holidays,
        IEnumerable<DateOnly> makeUpWorkdays,
        IEnumerable<int>? coveredYears = null)
    {
        TimeZone = timeZone;
        WorkingPeriods = [.. workingPeriods.OrderBy(p => p.Start)];
        if (WorkingPeriods.Count == 0)
        {
            throw new ArgumentException("A working calendar needs at least one working period.", nameof(workingPeriods));
        }

        for (var i = 0; i < WorkingPeriods.Count; i++)
        {
            if (WorkingPeriods[i].End <= WorkingPeriods[i].Start)
            {
                throw new ArgumentException($"Working period {WorkingPeriods[i].Start}–{WorkingPeriods[i].End} ends before it starts.", nameof(workingPeriods));
            }

            if (i > 0 && WorkingPeriods[i].Start < WorkingPeriods[i - 1].End)
            {
                throw new ArgumentException($"Working periods {WorkingPeriods[i - 1].Start}–{WorkingPeriods[i - 1].End} and {WorkingPeriods[i].Start}–{WorkingPeriods[i].End} overlap.", nameof(workingPeriods));
            }
        }

        _holidays = [.. holidays];
        _makeUpWorkdays = [.. makeUpWorkdays];
        var both = _holidays.Intersect(_makeUpWorkdays).ToList();
        if (both.Count > 0)
        {
            throw new ArgumentException($"{both[0]:yyyy-MM-dd} is both a holiday and a make-up workday.", nameof(makeUpWorkdays));
        }

        _coveredYears = [.. coveredYears ?? _holidays.Select(d => d.Year).Concat(_makeUpWorkdays.Select(d => d.Year))];
        WorkingDayLength = WorkingPeriods.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Length);
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<WorkingPeriod> WorkingPeriods { get; }

    /// <summary>Working time in one working day (7 h for 08:30–12:00 + 14:00–17:30); one 工作日 of a limit.</summary>
    public TimeSpan WorkingDayLength { get; }

    public IReadOnlyCollection<int> CoveredYears => _coveredYears;

    /// <summary>Whether the holiday data covers <paramref name="date"/>'s year.</summary>
    public bool Covers(DateOnly date) => _coveredYears.Contains(date.Year);

    public bool IsHoliday(DateOnly date) => _holidays.Contains(date);

    public bool IsMakeUpWorkday(DateOnly date) => _makeUpWorkdays.Contains(date);

    public bool IsWorkingDay(DateOnly date) =>
        _makeUpWorkdays.Contains(date)
        || (!_holidays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IsWorkingDay(date) && WorkingPeriods.Any(p => time >= p.Start && time < p.End);
    }

    /// <summary>
    /// How much time a limit grants: natural time for natural units, working time for working units
    /// (a working day is <see cref="WorkingDayLength"/> of working time).
    /// </summary>
    public TimeSpan Budget(SlaSpec limit) => limit.Unit switch
    {
        SlaUnit.Minutes => TimeSpan.FromMinutes(limit.Amount),
        SlaUnit.NaturalHours => TimeSpan.FromHours(limit.Amount),
        SlaUnit.NaturalDays => TimeSpan.FromDays(limit.Amount),
        SlaUnit.WorkingHours => TimeSpan.FromHours(limit.Amount),
        SlaUnit.WorkingDays => WorkingDayLength * limit.Amount,
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit.Unit, "Unknown time-limit unit."),
    };

    /// <summary>
    /// The due instant (UTC) of a limit started at <paramref name="startUtc"/>: the earliest instant at which
    /// the limit's time has elapsed. Working units skip lunch, evenings, weekends and holidays and count
    /// make-up workdays; a start outside office hours counts from the next working period.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset startUtc, SlaSpec limit) =>
        limit.IsCountedInWorkingTime
            ? AddWorkingDuration(startUtc, Budget(limit))
            : (startUtc + Budget(limit)).ToUniversalTime();

    /// <summary>Adds <paramref name="workingTime"/> of office time to <paramref name="startUtc"/>.</summary>
    public DateTimeOffset AddWorkingDuration(DateTimeOffset startUtc, TimeSpan workingTime)
    {
        if (workingTime <= TimeSpan.Zero)
        {
            return startUtc.ToUniversalTime();
        }

        var local = ToLocal(startUtc);
        var date = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = TimeOnly.FromDateTime(local.DateTime);
        var remaining = workingTime;
        for (var day = 0; day < MaxDaysScanned; day++, date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var period in WorkingPeriods)
            {
                var segmentStart = day == 0 && timeOfDay > period.Start ? timeOfDay : period.Start;
                if (segmentStart >= period.End)
                {
                    continue;
                }

                var available = period.End - segmentStart;
                if (remaining <= available)
                {
                    return (LocalInstant(date, segmentStart) + remaining).ToUniversalTime();
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException($"No working time found within {MaxDaysScanned} days after {local:u}; the calendar has no working days.");
    }

    /// <summary>
    /// Office time between two instants; negative when <paramref name="toUtc"/> is before <paramref name="fromUtc"/>
    /// (e.g. how far past due a case is, in working time).
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        if (toUtc < fromUtc)
        {
            return -WorkingTimeBetween(toUtc, fromUtc);
        }

        var total = TimeSpan.Zero;
        var fromDate = DateOnly.FromDateTime(ToLocal(fromUtc).DateTime);
        var toDate = DateOnly.FromDateTime(ToLocal(toUtc).DateTime);
        for (var date = fromDate; date <= toDate; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var period in WorkingPeriods)
            {
                var start = Max(LocalInstant(date, period.Start), fromUtc);
                var end = Min(LocalInstant(date, period.End), toUtc);
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    private DateTimeOffset LocalInstant(DateOnly date, TimeOnly time)
    {
        var dateTime = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(dateTime, TimeZone.GetUtcOffset(dateTime));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
