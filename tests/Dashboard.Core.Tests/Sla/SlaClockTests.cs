using Dashboard.Core.Catalog;
using Dashboard.Core.Sla;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Sla;

public class SlaClockTests
{
    private static SlaClock FourWorkingHoursFromMondayTen() =>
        SlaClock.Start(SlaStage.Handle, SlaSpec.WorkingHours(4), Local(2026, 11, 23, 10), Calendar);

    [Fact]
    public void A_paused_working_time_clock_gives_back_the_time_left_on_resume()
    {
        var clock = FourWorkingHoursFromMondayTen();
        clock.Pause(Local(2026, 11, 23, 11));
        clock.Resume(Local(2026, 11, 24, 9), Calendar);

        // Three working hours were left at the pause: Tuesday 09:00 + 3 h = 12:00.
        Assert.Equal(Local(2026, 11, 24, 12), clock.DueUtc);
        Assert.Equal(TimeSpan.FromHours(22), clock.TotalPaused);
    }

    [Fact]
    public void A_paused_clock_does_not_run_out()
    {
        var clock = FourWorkingHoursFromMondayTen();
        clock.Pause(Local(2026, 11, 23, 11));

        Assert.False(clock.IsOverdue(Local(2026, 11, 25, 10)));
        Assert.Equal(TimeSpan.FromHours(3), clock.Remaining(Local(2026, 11, 25, 10), Calendar));
    }

    [Fact]
    public void A_natural_clock_shifts_by_the_paused_time()
    {
        var clock = SlaClock.Start(SlaStage.Dispatch, SlaSpec.Minutes(30), Local(2026, 11, 23, 10), Calendar);
        clock.Pause(Local(2026, 11, 23, 10, 10));
        clock.Resume(Local(2026, 11, 23, 11), Calendar);

        Assert.Equal(Local(2026, 11, 23, 11, 20), clock.DueUtc);
    }

    [Fact]
    public void A_clock_paused_after_its_due_time_stays_overdue()
    {
        var clock = FourWorkingHoursFromMondayTen();
        clock.Pause(Local(2026, 11, 23, 17));
        clock.Resume(Local(2026, 11, 24, 9), Calendar);

        Assert.Equal(Local(2026, 11, 23, 16), clock.DueUtc);
        Assert.True(clock.IsOverdue(Local(2026, 11, 24, 9)));
    }

    [Fact]
    public void An_extension_adds_working_time_from_the_old_due_time()
    {
        var clock = FourWorkingHoursFromMondayTen();
        clock.Extend(SlaSpec.WorkingHours(2), Calendar);

        // 16:00 + 2 working hours: 1.5 h on Monday, 0.5 h on Tuesday morning.
        Assert.Equal(Local(2026, 11, 24, 9), clock.DueUtc);
        Assert.Equal(TimeSpan.FromHours(6), clock.Budget);
        Assert.Equal(1, clock.ExtensionCount);
    }

    [Fact]
    public void An_extension_in_natural_time_for_a_working_time_clock_is_refused()
    {
        var clock = FourWorkingHoursFromMondayTen();
        var error = Assert.Throws<ArgumentException>(() => clock.Extend(SlaSpec.NaturalHours(2), Calendar));
        Assert.Contains("working", error.Message);
    }

    [Fact]
    public void Due_soon_when_a_fifth_of_the_time_is_left_and_the_fraction_is_configurable()
    {
        var clock = FourWorkingHoursFromMondayTen();

        Assert.False(clock.IsDueSoon(Local(2026, 11, 23, 15), Calendar));        // 1 h of 4 left
        Assert.True(clock.IsDueSoon(Local(2026, 11, 23, 15, 20), Calendar));     // 40 min left <= 48 min
        Assert.True(clock.IsDueSoon(Local(2026, 11, 23, 15), Calendar, fraction: 0.3));
    }

    [Fact]
    public void Overdue_after_the_due_time_with_negative_time_left_and_not_due_soon()
    {
        var clock = FourWorkingHoursFromMondayTen();
        var now = Local(2026, 11, 23, 16, 30);

        Assert.True(clock.IsOverdue(now));
        Assert.False(clock.IsDueSoon(now, Calendar));
        Assert.Equal(TimeSpan.FromMinutes(-30), clock.Remaining(now, Calendar));
    }

    [Fact]
    public void A_clock_completed_in_time_is_never_overdue_later()
    {
        var clock = FourWorkingHoursFromMondayTen();
        clock.Complete(Local(2026, 11, 23, 15));

        Assert.False(clock.IsOverdue(Local(2026, 12, 1, 10)));
        Assert.Throws<InvalidOperationException>(() => clock.Pause(Local(2026, 11, 23, 15, 30)));
    }
}
