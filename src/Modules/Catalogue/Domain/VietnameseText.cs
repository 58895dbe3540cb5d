using System.Globalization;
using System.Text;

namespace Onestop.Catalogue.Domain;

/// <summary>Vietnamese text as search compares it: lower case, no diacritics, đ as d, single spaces.</summary>
public static class VietnameseText
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            if (!char.IsLetterOrDigit(lower) && lower != '.')
            {
                if (!lastWasSpace)
                {
                    folded.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            folded.Append(lower);
            lastWasSpace = false;
        }

        return folded.ToString().TrimEnd();
    }

    /// <summary>The first letter of each word: "Đăng ký khai sinh" gives "dkks".</summary>
    public static string Initials(string text) =>
        string.Concat(Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Select(w => w[0]));

    /// <summary>A URL slug: "Tư pháp - Hộ tịch" gives "tu-phap-ho-tich".</summary>
    public static string Slug(string text) => Fold(text).Replace('.', ' ').Trim().Replace(' ', '-');
}
