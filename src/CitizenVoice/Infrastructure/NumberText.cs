using System.Globalization;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// The one way the app writes a figure for people to read — on pages, in CSV and in PDF — so a rate reads the same
/// wherever it appears. It follows the language: Vietnamese writes "87,8 %" (decimal comma, a no-break space before
/// the sign, as Vietnamese typesetting does) and "83,4–91,2"; English writes "87.8%" and "83.4–91.2". Rates and
/// interval bounds always show one decimal, counts none (with the language's thousands separator).
/// </summary>
public static class NumberText
{
    /// <summary>Keeps the figure and its sign on one line.</summary>
    public const char NoBreakSpace = '\u00a0';

    /// <summary>An interval's bounds are joined by an en dash, the sign for a range.</summary>
    public const char EnDash = '\u2013';

    public static CultureInfo Current => CultureInfo.CurrentCulture;

    public static bool IsVietnamese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "vi";

    /// <summary>A number with one decimal: "87,8" (vi), "87.8" (en).</summary>
    public static string Number(double value, CultureInfo? culture = null) => value.ToString("N1", culture ?? Current);

    /// <summary>A percentage, with one decimal unless told: "87,8 %" (vi), "87.8%" (en).</summary>
    public static string Percent(double value, CultureInfo? culture = null, int decimals = 1)
    {
        culture ??= Current;
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), culture) + (IsVietnamese(culture) ? NoBreakSpace + "%" : "%");
    }

    /// <summary>An interval in percentage points: "83,4–91,2" (vi), "83.4–91.2" (en).</summary>
    public static string Interval(double low, double high, CultureInfo? culture = null) =>
        Number(low, culture) + EnDash + Number(high, culture);

    /// <summary>A whole count: "3.000" (vi), "3,000" (en).</summary>
    public static string Count(long value, CultureInfo? culture = null) => value.ToString("N0", culture ?? Current);
}
