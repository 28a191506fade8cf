namespace CitizenVoice.Features.Calendar;

/// <summary>A day of the Vietnamese lunar calendar (âm lịch): day, month, year, and whether the month is a leap month.</summary>
public readonly record struct LunarDate(int Day, int Month, int Year, bool LeapMonth);

/// <summary>
/// The Vietnamese lunisolar calendar, computed from astronomical new moons and solar terms at UTC+7.
/// .NET's ChineseLunisolarCalendar cannot be used: it follows the Chinese calendar, computed at UTC+8, and when a new
/// moon falls between 16:00 and 17:00 UTC the two calendars start a month on different days (Tết 2007 was
/// 17 February in Vietnam and 18 February in China; in 1985 the leap month differed and Tết fell a month apart).
/// The method is the one published by Hồ Ngọc Đức, from Jean Meeus' "Astronomical Algorithms": a lunar month starts
/// on the civil day of a new moon, month 11 is the one holding the winter solstice, and in a year of 13 months the
/// first month without a major solar term is the leap month. Valid from 1900 to 2100.
/// </summary>
public static class VietnameseLunarCalendar
{
    private const double TimeZone = 7.0;
    private const double SynodicMonth = 29.530588853;

    /// <summary>The first and last Gregorian years the calendar answers for.</summary>
    public const int FirstYear = 1900, LastYear = 2100;

    /// <summary>The Gregorian day of a lunar date; null when the date does not exist (a leap month that year lacks).</summary>
    public static DateOnly? ToSolar(int day, int month, int year, bool leapMonth = false)
    {
        int a11, b11;
        if (month < 11)
        {
            a11 = LunarMonth11(year - 1);
            b11 = LunarMonth11(year);
        }
        else
        {
            a11 = LunarMonth11(year);
            b11 = LunarMonth11(year + 1);
        }

        var k = (int)Math.Floor(0.5 + (a11 - 2415021.076998695) / SynodicMonth);
        var offset = month - 11;
        if (offset < 0)
        {
            offset += 12;
        }

        if (b11 - a11 > 365)
        {
            var leapOffset = LeapMonthOffset(a11);
            var leap = leapOffset - 2;
            if (leap < 0)
            {
                leap += 12;
            }

            if (leapMonth && month != leap)
            {
                return null;
            }

            if (leapMonth || offset >= leapOffset)
            {
                offset += 1;
            }
        }
        else if (leapMonth)
        {
            return null;
        }

        var monthStart = NewMoonDay(k + offset);
        var length = NewMoonDay(k + offset + 1) - monthStart;
        return day < 1 || day > length ? null : FromJulianDay(monthStart + day - 1);
    }

    /// <summary>The lunar date of a Gregorian day.</summary>
    public static LunarDate FromSolar(DateOnly date)
    {
        var dayNumber = JulianDay(date);
        // The mean month only estimates which new moon came last; step back until it is on or before the day (the
        // estimate can be two months ahead, as on 7 May 2054, the 30th of the third month).
        var k = (int)Math.Floor((dayNumber - 2415021.076998695) / SynodicMonth) + 1;
        var monthStart = NewMoonDay(k);
        while (monthStart > dayNumber)
        {
            monthStart = NewMoonDay(--k);
        }

        var a11 = LunarMonth11(date.Year);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = LunarMonth11(date.Year - 1);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = LunarMonth11(date.Year + 1);
        }

        var lunarDay = dayNumber - monthStart + 1;
        var diff = (int)Math.Floor((monthStart - a11) / 29.0);
        var leap = false;
        var lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapOffset = LeapMonthOffset(a11);
            if (diff >= leapOffset)
            {
                lunarMonth = diff + 10;
                leap = diff == leapOffset;
            }
        }

        if (lunarMonth > 12)
        {
            lunarMonth -= 12;
        }

        if (lunarMonth >= 11 && diff < 4)
        {
            lunarYear -= 1;
        }

        return new LunarDate(lunarDay, lunarMonth, lunarYear, leap);
    }

    /// <summary>The first day of a lunar year: mùng 1 Tết.</summary>
    public static DateOnly NewYear(int lunarYear) => ToSolar(1, 1, lunarYear)!.Value;

    // DateOnly counts days from 0001-01-01, which is Julian day 1,721,426.
    private static int JulianDay(DateOnly date) => date.DayNumber + 1721426;

    private static DateOnly FromJulianDay(int julianDay) => DateOnly.FromDayNumber(julianDay - 1721426);

    /// <summary>The civil day (at UTC+7) of the k-th new moon after 1900-01-01.</summary>
    private static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + TimeZone / 24);

    /// <summary>The Julian day and fraction of the k-th new moon after 1900-01-01 (Meeus, chapter 49, abridged).</summary>
    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /// <summary>Which twelfth of the ecliptic (0–11, each one major solar term) the sun is in at the start of a civil day.</summary>
    private static int SunSector(int julianDay)
    {
        var t = (julianDay - 0.5 - TimeZone / 24 - 2451545.0) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        l -= Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
        return (int)Math.Floor(l / Math.PI * 6);
    }

    /// <summary>The first day of lunar month 11 (the month of the winter solstice) that starts in a Gregorian year.</summary>
    private static int LunarMonth11(int year)
    {
        var offset = JulianDay(new DateOnly(year, 12, 31)) - 2415021;
        var k = (int)Math.Floor(offset / SynodicMonth);
        var newMoon = NewMoonDay(k);
        return SunSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    /// <summary>How many months after month 11 the leap month comes, in a lunar year of thirteen months.</summary>
    private static int LeapMonthOffset(int a11)
    {
        var k = (int)Math.Floor((a11 - 2415021.076998695) / SynodicMonth + 0.5);
        int last, i = 1;
        var arc = SunSector(NewMoonDay(k + i));
        do
        {
            last = arc;
            i++;
            arc = SunSector(NewMoonDay(k + i));
        }
        while (arc != last && i < 14);
        return i - 1;
    }
}
