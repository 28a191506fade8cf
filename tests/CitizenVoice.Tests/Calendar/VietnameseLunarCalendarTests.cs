using System.Globalization;
using CitizenVoice.Features.Calendar;

namespace CitizenVoice.Tests.Calendar;

public sealed class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2000, "2000-02-05")]
    public void Tet_falls_on_the_published_day(int lunarYear, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), VietnameseLunarCalendar.NewYear(lunarYear));

    [Theory]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Hung_kings_day_falls_on_the_published_day(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), VietnameseLunarCalendar.ToSolar(10, 3, year));

    [Theory]
    // Computed at UTC+7, the new moon of 17 February 2007 at 16:14 UTC is on the 17th in Vietnam and the 18th in China.
    [InlineData(2007, "2007-02-17", "2007-02-18")]
    // In 1985 the two calendars put month 11 of the year before in different months: Tết fell a month apart.
    [InlineData(1985, "1985-01-21", "1985-02-20")]
    public void Tet_follows_Vietnam_where_the_Chinese_calendar_differs(int lunarYear, string vietnam, string china)
    {
        Assert.Equal(DateOnly.Parse(vietnam, CultureInfo.InvariantCulture), VietnameseLunarCalendar.NewYear(lunarYear));
        var chinese = new ChineseLunisolarCalendar();
        var chineseNewYear = DateOnly.FromDateTime(chinese.ToDateTime(lunarYear, 1, 1, 0, 0, 0, 0));
        Assert.Equal(DateOnly.Parse(china, CultureInfo.InvariantCulture), chineseNewYear);
    }

    [Theory]
    [InlineData("2023-03-22", 1, 2, 2023)]
    [InlineData("2025-07-25", 1, 6, 2025)]
    [InlineData("2020-05-23", 1, 4, 2020)]
    public void A_leap_month_is_named_after_the_month_it_follows(string day, int lunarDay, int lunarMonth, int lunarYear)
    {
        var date = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        Assert.Equal(new LunarDate(lunarDay, lunarMonth, lunarYear, LeapMonth: true), VietnameseLunarCalendar.FromSolar(date));
        Assert.Equal(date, VietnameseLunarCalendar.ToSolar(lunarDay, lunarMonth, lunarYear, leapMonth: true));
        Assert.Null(VietnameseLunarCalendar.ToSolar(1, lunarMonth + 1, lunarYear, leapMonth: true));
    }

    [Fact]
    public void Every_day_from_1900_to_2100_converts_to_a_lunar_date_and_back()
    {
        var day = new DateOnly(1900, 2, 1);
        var previous = VietnameseLunarCalendar.FromSolar(day.AddDays(-1));
        for (; day.Year <= 2100; day = day.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.FromSolar(day);
            Assert.Equal(day, VietnameseLunarCalendar.ToSolar(lunar.Day, lunar.Month, lunar.Year, lunar.LeapMonth));
            // Days follow each other: the next day of the month, or day 1 of a month at most 30 days on.
            Assert.True(lunar.Day == previous.Day + 1 || (lunar.Day == 1 && previous.Day is 29 or 30), $"{day}: {previous} → {lunar}");
            previous = lunar;
        }
    }

    [Fact]
    public void The_two_calendars_disagree_on_some_years_so_the_chinese_one_cannot_stand_in()
    {
        var chinese = new ChineseLunisolarCalendar();
        var differing = Enumerable.Range(1901, 2100 - 1901 + 1)
            .Where(y => DateOnly.FromDateTime(chinese.ToDateTime(y, 1, 1, 0, 0, 0, 0)) != VietnameseLunarCalendar.NewYear(y))
            .ToList();
        Assert.Contains(2007, differing);
        Assert.Contains(1985, differing);
        Assert.DoesNotContain(2026, differing);
    }
}
