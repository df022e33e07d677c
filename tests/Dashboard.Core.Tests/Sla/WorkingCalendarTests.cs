using Dashboard.Core.Catalog;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Sla;

public class WorkingCalendarTests
{
    private static DateTimeOffset Due(DateTimeOffset start, SlaSpec limit) => Calendar.AddWorkingTime(start.ToUniversalTime(), limit);

    [Fact]
    public void Four_working_hours_skip_the_lunch_break()
    {
        // Monday 2026-11-23 10:00: 2 h before lunch, 2 h after 14:00.
        Assert.Equal(Local(2026, 11, 23, 16), Due(Local(2026, 11, 23, 10), SlaSpec.WorkingHours(4)));
    }

    [Fact]
    public void A_limit_that_runs_out_at_noon_is_due_at_noon_not_after_lunch()
    {
        Assert.Equal(Local(2026, 11, 23, 12), Due(Local(2026, 11, 23, 10), SlaSpec.WorkingHours(2)));
    }

    [Fact]
    public void A_case_reported_during_lunch_starts_counting_at_two()
    {
        Assert.Equal(Local(2026, 11, 23, 17), Due(Local(2026, 11, 23, 12, 30), SlaSpec.WorkingHours(3)));
    }

    [Fact]
    public void Working_hours_carry_over_the_weekend()
    {
        // Friday 2026-11-27 16:30: one hour on Friday, three on Monday morning.
        Assert.Equal(Local(2026, 11, 30, 11, 30), Due(Local(2026, 11, 27, 16, 30), SlaSpec.WorkingHours(4)));
    }

    [Fact]
    public void A_case_reported_on_Saturday_evening_starts_on_Monday_morning()
    {
        Assert.Equal(Local(2026, 11, 30, 10, 30), Due(Local(2026, 11, 28, 20), SlaSpec.WorkingHours(2)));
    }

    [Fact]
    public void Seven_working_days_land_on_the_same_time_seven_working_days_later()
    {
        // Mon 2026-11-23 10:00 -> Tue..Fri (4), Mon..Wed (3) -> Wed 2026-12-02 10:00.
        Assert.Equal(Local(2026, 12, 2, 10), Due(Local(2026, 11, 23, 10), SlaSpec.WorkingDays(7)));
    }

    [Fact]
    public void National_Day_2026_is_skipped()
    {
        // Wed 2026-09-30 10:00, 1 working day: 1-7 October are holidays, Thu 8 October is a working day.
        Assert.Equal(Local(2026, 10, 8, 10), Due(Local(2026, 9, 30, 10), SlaSpec.WorkingDays(1)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 10, 5)));
    }

    [Fact]
    public void A_make_up_Saturday_counts_as_a_working_day()
    {
        // Fri 2026-10-09 17:00 + 2 working hours: 30 min on Friday, then Saturday 10 October is a make-up workday.
        Assert.Equal(Local(2026, 10, 10, 10), Due(Local(2026, 10, 9, 17), SlaSpec.WorkingHours(2)));
        Assert.True(Calendar.IsMakeUpWorkday(new DateOnly(2026, 9, 20)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 9, 20)));
    }

    [Fact]
    public void Spring_Festival_2026_make_up_Saturday_before_the_holiday_is_worked()
    {
        Assert.Equal(Local(2026, 2, 14, 9), Due(Local(2026, 2, 13, 17), SlaSpec.WorkingHours(1)));
        // Half an hour left on the make-up Saturday, the rest after the 9-day holiday, on Tuesday 24 February.
        Assert.Equal(Local(2026, 2, 24, 9), Due(Local(2026, 2, 14, 17), SlaSpec.WorkingHours(1)));
    }

    [Fact]
    public void Thirty_minutes_are_natural_minutes_even_on_a_Sunday_night()
    {
        Assert.Equal(Local(2026, 11, 30, 0, 20), Due(Local(2026, 11, 29, 23, 50), SlaSpec.Minutes(30)));
    }

    [Fact]
    public void Due_instants_are_returned_in_UTC()
    {
        Assert.Equal(TimeSpan.Zero, Due(Local(2026, 11, 23, 10), SlaSpec.WorkingHours(4)).Offset);
    }

    [Fact]
    public void Working_time_between_two_instants_ignores_nights_and_weekends()
    {
        var between = Calendar.WorkingTimeBetween(Local(2026, 11, 27, 17).ToUniversalTime(), Local(2026, 11, 30, 9).ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(1), between);
        Assert.Equal(-between, Calendar.WorkingTimeBetween(Local(2026, 11, 30, 9).ToUniversalTime(), Local(2026, 11, 27, 17).ToUniversalTime()));
    }

    [Fact]
    public void The_calendar_asset_covers_2025_to_2027_with_seven_hour_days()
    {
        Assert.Equal([2025, 2026, 2027], Calendar.CoveredYears.Order());
        Assert.Equal(TimeSpan.FromHours(7), Calendar.WorkingDayLength);
        Assert.True(Calendar.IsHoliday(new DateOnly(2025, 1, 28)));
        Assert.True(Calendar.IsMakeUpWorkday(new DateOnly(2025, 2, 8)));
    }
}
