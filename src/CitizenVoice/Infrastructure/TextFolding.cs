using System.Globalization;
using System.Text;

namespace CitizenVoice;

/// <summary>Vietnamese text without diacritics, so "hai long" finds "hài lòng" and codes stay ASCII.</summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        var decomposed = text.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
