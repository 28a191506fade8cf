namespace CitizenVoice.Infrastructure;

/// <summary>
/// The agency's clock: every feature shows and counts days at Vietnam's time (a session's hour, a deadline's day,
/// "today" on a report), whatever the server's time zone or the visitor's language.
/// </summary>
public static class VietnamTime
{
    /// <summary>Vietnam keeps UTC+7 all year; sessions are shown at the agency's local time whatever the visitor's language.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static DateTime Local(DateTime utc) => DateTime.SpecifyKind(utc + VietnamOffset, DateTimeKind.Unspecified);

    public static DateTime ToUtc(DateTime local) => DateTime.SpecifyKind(local - VietnamOffset, DateTimeKind.Utc);

    /// <summary>
    /// A moment for a machine to read (the datetime of a time element): ISO 8601 at Vietnam's time with its offset,
    /// "2026-12-27T08:00:00+07:00". The stored value is UTC but comes back from the database without saying so, and
    /// a bare time with seven fraction digits is not a valid HTML date and time.
    /// </summary>
    public static string MachineTime(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(VietnamOffset)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider clock) => Today(clock.GetUtcNow().UtcDateTime);

    /// <summary>The Vietnamese calendar day of a UTC moment.</summary>
    public static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(utc + VietnamOffset);
}
