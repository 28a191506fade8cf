namespace CitizenVoice.Features.Calendar;

/// <summary>A day off for everyone, with its name as the law or the government's decision gives it.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// The public holidays of the Labour Code 2019, article 112: Tết Dương lịch (1/1), Tết Nguyên đán (5 days),
/// Giỗ Tổ Hùng Vương (10/3 lunar), Ngày Chiến thắng (30/4), Quốc tế Lao động (1/5) and Quốc khánh (2/9 and one day
/// next to it). The exact Tết days and the second Quốc khánh day are set by the government each year; the defaults
/// here are its usual choice (the last day of the old lunar year and the first four of the new; 1/9). A holiday that
/// falls on a weekend is made up on the next working day (article 112, clause 3). The government's decision for a year
/// — a bridged day off and the Saturday worked for it — is added by an administrator as <see cref="CalendarDay"/> rows.
/// </summary>
public static class PublicHolidays
{
    /// <summary>The holidays of a Gregorian year by law, with the days that make up for those on a weekend.</summary>
    public static IReadOnlyList<Holiday> ByLaw(int year)
    {
        if (year is < VietnameseLunarCalendar.FirstYear or > VietnameseLunarCalendar.LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The calendar is computed for 1900–2100.");
        }

        var days = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), "Tết Dương lịch"),
            new(new DateOnly(year, 4, 30), "Ngày Chiến thắng"),
            new(new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động"),
            new(new DateOnly(year, 9, 1), "Quốc khánh"),
            new(new DateOnly(year, 9, 2), "Quốc khánh"),
        };

        // Tết of this Gregorian year, and of the next when its eve falls on 31 December (it never has since 1900, but
        // the rule costs nothing).
        foreach (var lunarYear in new[] { year, year + 1 })
        {
            var newYear = VietnameseLunarCalendar.NewYear(lunarYear);
            for (var offset = -1; offset <= 3; offset++)
            {
                var day = newYear.AddDays(offset);
                if (day.Year == year)
                {
                    days.Add(new(day, offset < 0 ? "Tết Nguyên đán (ngày cuối năm âm lịch)" : $"Tết Nguyên đán (mùng {offset + 1})"));
                }
            }
        }

        days.Add(new(VietnameseLunarCalendar.ToSolar(10, 3, year)!.Value, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"));
        days.Sort((a, b) => a.Date.CompareTo(b.Date));

        // A holiday on a Saturday or Sunday gives a day off on the next day that is neither a weekend nor a holiday.
        var taken = days.Select(d => d.Date).ToHashSet();
        var makeUps = new List<Holiday>();
        foreach (var holiday in days.Where(d => IsWeekend(d.Date)))
        {
            var day = holiday.Date.AddDays(1);
            while (IsWeekend(day) || taken.Contains(day))
            {
                day = day.AddDays(1);
            }

            if (day.Year == year)
            {
                taken.Add(day);
                makeUps.Add(new(day, $"Nghỉ bù {holiday.Name}"));
            }
        }

        return [.. days.Concat(makeUps).OrderBy(d => d.Date)];
    }

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
