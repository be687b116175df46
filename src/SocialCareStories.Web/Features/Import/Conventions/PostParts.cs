using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>Pieces every convention needs: the trailing category list, chrome-free body lines, titles derived from text.</summary>
public static partial class PostParts
{
    private const int MaxDerivedTitleLength = 80;

    /// <summary>Index of the first line at or after <paramref name="from"/> that ends the post (categories, chrome), or <paramref name="to"/>.</summary>
    public static int BodyEnd(SourceLines lines, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (IsListHeader(lines[i], "Categories") || IsListHeader(lines[i], "Tags") || SiteChrome.EndsPost(lines[i]))
            {
                return i;
            }
        }

        return to;
    }

    /// <summary>The body lines between two indices, without the site's chrome.</summary>
    public static List<string> BodyLines(SourceLines lines, int from, int to) =>
        lines.Range(from, to).Where(line => !SiteChrome.IsChrome(line)).ToList();

    /// <summary>The "•" items under a "Categories:" (or "Tags:") line in the given range, as written ("Parent > Child").</summary>
    public static List<string> ListUnder(SourceLines lines, string header, int from, int to)
    {
        var items = new List<string>();
        for (var i = from; i < to; i++)
        {
            if (!IsListHeader(lines[i], header))
            {
                continue;
            }

            for (var j = i + 1; j < to; j++)
            {
                var item = BulletItem().Match(lines[j]);
                if (item.Success)
                {
                    items.Add(item.Groups["text"].Value.Trim());
                }
                else if (lines[j].Length > 0)
                {
                    break;
                }
            }
        }

        return items.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Lines in the trailing part of a page that are neither list items, list headers nor known chrome: reported, never silently dropped.</summary>
    public static IEnumerable<string> UnrecognisedTrailingLines(SourceLines lines, int from, int to) =>
        lines.Range(from, to).Where(line => line.Length > 0 && !SiteChrome.IsChrome(line) && !BulletItem().IsMatch(line)
            && !IsListHeader(line, "Categories") && !IsListHeader(line, "Tags"));

    public static bool IsListHeader(string line, string header) =>
        line.Trim().Equals(header + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>A title made from the opening sentence, for pages that give none; the story is flagged for review.</summary>
    public static string DeriveTitle(IEnumerable<string> bodyLines)
    {
        var first = bodyLines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "Untitled";
        var sentence = SentenceEnd().Match(first) is { Success: true } end ? first[..(end.Index + 1)] : first;
        sentence = sentence.TrimEnd('.', ' ');
        if (sentence.Length <= MaxDerivedTitleLength)
        {
            return sentence;
        }

        var cut = sentence.LastIndexOf(' ', MaxDerivedTitleLength);
        return sentence[..(cut > 20 ? cut : MaxDerivedTitleLength)].TrimEnd(',', ';', ':', ' ', '–', '-') + "…";
    }

    /// <summary>A lone short line straight after a byline: an image's caption or alt text, not prose.</summary>
    public static bool IsImageCaption(SourceLines lines, int index)
    {
        var text = lines[index].Trim();
        if (text.Length == 0 || text.Length > 50 || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 6
            || ".?!:;,".Contains(text[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var next = lines.NextNonBlank(index + 1);
        return next < lines.Count && lines[next].Trim().Length > 100;
    }

    /// <summary>A line cut short enough to quote in a problem report.</summary>
    public static string Shorten(string text) => text.Trim().Length <= 80 ? text.Trim() : text.Trim()[..77] + "…";

    public static bool IsHashtag(string line) => Hashtag().IsMatch(line.Trim());

    /// <summary>True when two paragraphs open with the same words: a news standfirst repeated as the first paragraph.</summary>
    public static bool SameOpening(string a, string b)
    {
        static string[] Words(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(12).ToArray();
        var wa = Words(a);
        var wb = Words(b);
        return wa.Length >= 6 && wa.SequenceEqual(wb, StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\s*[•·▪◦‣∙]\s*(?<text>\S.*)$")]
    private static partial Regex BulletItem();

    [GeneratedRegex(@"[.?!](?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^#\w+$")]
    private static partial Regex Hashtag();
}
