using System.Globalization;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// Which of a unit's, field's or procedure's two names a reader sees: the English one when the page is in English and
/// the item has one, otherwise the Vietnamese one (the official name, always there). The one place that decides it,
/// so pages, exports and the API agree. Usable in the last Select of an EF query: it runs on the fetched row, in the
/// request's culture.
/// </summary>
public static class LocalName
{
    public static string Of(string name, string? nameEn) =>
        !string.IsNullOrWhiteSpace(nameEn) && CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? nameEn : name;
}
