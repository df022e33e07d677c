using Dashboard.Core.Sla;

namespace CityGenerator.Catalog;

/// <summary>
/// China's public holidays and make-up workdays (调休上班) as published by the General Office of the State Council.
/// 2027 is not published in the material we could check: it is projected from the 2024 rules and marked so.
/// </summary>
internal static class WorkdayCalendarData
{
    public static WorkingCalendarDocument Document() => new(
        1,
        "Asia/Shanghai",
        [new WorkingHoursDto("08:30", "12:00"), new WorkingHoursDto("14:00", "17:30")],
        [Y2025(), Y2026(), Y2027()]);

    private static HolidayYear Y2025() => new(
        2025,
        "国办发明电〔2024〕12号 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12)",
        "verified",
        [
            H("元旦", "New Year's Day", "2025-01-01", "2025-01-01"),
            H("春节", "Spring Festival", "2025-01-28", "2025-02-04"),
            H("清明节", "Qingming Festival", "2025-04-04", "2025-04-06"),
            H("劳动节", "Labour Day", "2025-05-01", "2025-05-05"),
            H("端午节", "Dragon Boat Festival", "2025-05-31", "2025-06-02"),
            H("国庆节、中秋节", "National Day and Mid-Autumn Festival", "2025-10-01", "2025-10-08"),
        ],
        [M("2025-01-26", "春节"), M("2025-02-08", "春节"), M("2025-04-27", "劳动节"), M("2025-09-28", "国庆节"), M("2025-10-11", "国庆节")]);

    private static HolidayYear Y2026() => new(
        2026,
        "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, Xinhua)",
        "verified",
        [
            H("元旦", "New Year's Day", "2026-01-01", "2026-01-03"),
            H("春节", "Spring Festival", "2026-02-15", "2026-02-23"),
            H("清明节", "Qingming Festival", "2026-04-04", "2026-04-06"),
            H("劳动节", "Labour Day", "2026-05-01", "2026-05-05"),
            H("端午节", "Dragon Boat Festival", "2026-06-19", "2026-06-21"),
            H("中秋节", "Mid-Autumn Festival", "2026-09-25", "2026-09-27"),
            H("国庆节", "National Day", "2026-10-01", "2026-10-07"),
        ],
        [M("2026-01-04", "元旦"), M("2026-02-14", "春节"), M("2026-02-28", "春节"), M("2026-05-09", "劳动节"), M("2026-09-20", "国庆节"), M("2026-10-10", "国庆节")]);

    private static HolidayYear Y2027() => new(
        2027,
        "projected from the 2024 holiday rules (春节 8 days from 除夕, 国庆 7 days, 劳动节 5 days, 3-day weekends, a Wednesday holiday alone); replace when the State Council publishes 2027",
        "projected",
        [
            H("元旦", "New Year's Day", "2027-01-01", "2027-01-03"),
            H("春节", "Spring Festival", "2027-02-05", "2027-02-12"),
            H("清明节", "Qingming Festival", "2027-04-03", "2027-04-05"),
            H("劳动节", "Labour Day", "2027-05-01", "2027-05-05"),
            H("端午节", "Dragon Boat Festival", "2027-06-09", "2027-06-09"),
            H("中秋节", "Mid-Autumn Festival", "2027-09-15", "2027-09-15"),
            H("国庆节", "National Day", "2027-10-01", "2027-10-07"),
        ],
        [M("2027-01-31", "春节"), M("2027-02-20", "春节"), M("2027-05-08", "劳动节"), M("2027-09-26", "国庆节"), M("2027-10-09", "国庆节")]);

    private static HolidaySpan H(string name, string nameEn, string from, string to) =>
        new(name, nameEn, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

    private static MakeUpWorkday M(string date, string forHoliday) =>
        new(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), forHoliday);
}
