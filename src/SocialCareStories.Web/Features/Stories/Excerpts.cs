using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Stories;

/// <summary>Plain-text openings of Markdown for listings, meta descriptions and feeds.</summary>
public static partial class Excerpts
{
    public static string From(string markdown, int maxLength)
    {
        var text = Whitespace().Replace(MarkdownSyntax().Replace(markdown, ""), " ").Trim();
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return text[..(cut > maxLength / 2 ? cut : maxLength)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    [GeneratedRegex(@"(^|\n)\s{0,3}(#{1,6}|[-*+]|\d+\.)\s+|\\(?=[\\`*_\[\]<>#+\-.!|])|[*_`]{1,3}")]
    private static partial Regex MarkdownSyntax();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
