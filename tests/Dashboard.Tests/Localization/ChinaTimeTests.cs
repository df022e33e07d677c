using Dashboard.Localization;

namespace Dashboard.Tests.Localization;

public sealed class ChinaTimeTests
{
    [Fact]
    public void Utc_instant_is_shown_eight_hours_later_in_China()
    {
        var instant = new DateTimeOffset(2026, 11, 23, 13, 5, 9, TimeSpan.Zero);

        Assert.Equal("2026-11-23 21:05", ChinaTime.Format(instant));
        Assert.Equal("21:05:09", ChinaTime.FormatTime(instant));
        Assert.Equal("2026-11-23T21:05:09+08:00", ChinaTime.FormatIso(instant));
    }

    [Fact]
    public void Late_evening_utc_is_already_the_next_day_in_China()
    {
        var instant = new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal("2027-01-01 00:30", ChinaTime.Format(instant));
    }

    [Fact]
    public void Summer_time_does_not_shift_China_time()
    {
        var summer = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromHours(8), ChinaTime.ToChina(summer).Offset);
    }
}
