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

    /// <summary>The slug for <paramref name="text"/>, with "-2", "-3"… added until it is not in <paramref name="taken"/>.</summary>
    public static string Unique(string text, ISet<string> taken)
    {
        var slug = From(text);
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        taken.Add(candidate);
        return candidate;
    }
}
