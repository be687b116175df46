using System.Globalization;
using System.Text;

namespace SocialCareStories.Web.Features.Shared;

public static class Slugs
{
    public const int MaxLength = 80;

    /// <summary>Lower-case ASCII words joined by hyphens: "Social Care › Fabulous Stuff" becomes "social-care-fabulous-stuff".</summary>
    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘')
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var result = slug.ToString();
        if (result.Length > MaxLength)
        {
            var cut = result.LastIndexOf('-', MaxLength);
            result = result[..(cut > 20 ? cut : MaxLength)];
        }

        return result.Length == 0 ? "untitled" : result;
    }
}
