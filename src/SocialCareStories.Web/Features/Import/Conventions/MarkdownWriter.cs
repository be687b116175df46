using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// Turns scraped body lines into Markdown: every line of prose its own paragraph (scrapes drop the blank
/// lines between paragraphs as often as they keep them), bullets as lists, capitalised box titles and
/// short sub-headings as headings, and nothing in the text mistaken for Markdown syntax.
/// </summary>
public static partial class MarkdownWriter
{
    private const int MaxSubheadingLength = 60;
    private const int MinParagraphAfterSubheading = 150;

    // Section titles that scraped pages print as plain lines.
    private static readonly HashSet<string> KnownSectionHeadings = new(StringComparer.OrdinalIgnoreCase) { "About the author" };

    public static string Write(IEnumerable<string> lines)
    {
        var source = lines.Select(l => Tidy(l.TrimEnd())).ToList();
        var blocks = new List<string>();
        var list = new List<string>();

        void FlushList()
        {
            if (list.Count > 0)
            {
                blocks.Add(string.Join('\n', list));
                list.Clear();
            }
        }

        for (var i = 0; i < source.Count; i++)
        {
            var raw = source[i];
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            if (ListItem(raw) is { } item)
            {
                list.Add(item);
                continue;
            }

            FlushList();
            var text = raw.Trim();
            if (KnownSectionHeadings.Contains(text))
            {
                blocks.Add("## " + Escape(text));
            }
            else if (IsCapitalisedHeading(text))
            {
                blocks.Add("## " + Escape(SentenceCase(text)));
            }
            else if (IsSubheading(source, i))
            {
                blocks.Add("### " + Escape(text));
            }
            else
            {
                blocks.Add(Escape(text));
            }
        }

        FlushList();
        return string.Join("\n\n", blocks);
    }

    /// <summary>Plain text for a comment or summary: paragraphs kept, Markdown left alone (these are shown as text).</summary>
    public static string Paragraphs(IEnumerable<string> lines) =>
        string.Join("\n\n", lines.Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string? ListItem(string line)
    {
        var bullet = Bullet().Match(line);
        if (bullet.Success)
        {
            return "- " + Escape(bullet.Groups["text"].Value.Trim());
        }

        var numbered = Numbered().Match(line);
        return numbered.Success ? $"{numbered.Groups["n"].Value}. {Escape(numbered.Groups["text"].Value.Trim())}" : null;
    }

    private static bool IsCapitalisedHeading(string text)
    {
        var letters = text.Where(char.IsLetter).ToArray();
        return letters.Length >= 8 && letters.All(char.IsUpper) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3;
    }

    private static bool IsSubheading(List<string> lines, int index)
    {
        var text = lines[index].Trim();
        if (text.Length > MaxSubheadingLength || index == 0 || !char.IsUpper(text[0]) || ".,;:!)”’\"".Contains(text[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var next = lines.Skip(index + 1).FirstOrDefault(l => l.Trim().Length > 0);
        var previous = lines.Take(index).LastOrDefault(l => l.Trim().Length > 0);
        return next is not null && next.Trim().Length >= MinParagraphAfterSubheading && ListItem(next) is null
            && previous is not null && previous.Trim().Length > MaxSubheadingLength;
    }

    private static string SentenceCase(string text)
    {
        var lower = text.ToLower(CultureInfo.GetCultureInfo("en-GB"));
        return char.ToUpper(lower[0], CultureInfo.InvariantCulture) + lower[1..];
    }

    /// <summary>
    /// Undoes two scraping accidents readers would see: a footnote marker that lost the space after it
    /// ("workforce[2]The Cavendish Coalition[3]estimate"), and a quote still escaped for the script the page came
    /// from ("If it\'s"). The marker stays after its word, as footnote markers do, with the space put back.
    /// </summary>
    private static string Tidy(string line) =>
        GluedFootnoteMarker().Replace(EscapedQuote().Replace(line, ""), "$0 ");

    /// <summary>Keeps a line of prose from being read as Markdown block syntax, emphasis or raw HTML. Web addresses stay as written so they still link.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var token in Regex.Split(text, @"(\s+)"))
        {
            var isAddress = token.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || token.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
            foreach (var c in token)
            {
                if (c is '<' or '>' or '`' or '\\' || (!isAddress && c is '*' or '_' or '[' or ']'))
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }
        }

        var result = escaped.ToString();
        return BlockStart().IsMatch(result) ? "\\" + result : OrderedStart().Replace(result, @"$1\.", 1);
    }

    // [1] to [999] or [i] to [xxxiii] before a letter, after a word or opening a line (a reference in the notes);
    // never after a space, a bracket or inside an address, where it would not be a marker.
    [GeneratedRegex(@"(?<=^|[^\s\[(/=])\[(?:\d{1,3}|[ivx]{1,6})\](?=\p{L})")]
    private static partial Regex GluedFootnoteMarker();

    [GeneratedRegex(@"\\(?=['""])")]
    private static partial Regex EscapedQuote();

    [GeneratedRegex(@"^\s*[•·▪◦‣∙*]\s*(?<text>\S.*)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\s+(?<n>\d{1,3})[.)]\s+(?<text>\S.*)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^(#|-|\+|=|\||~~~)")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"^(\d{1,9})[.)](?=\s|$)")]
    private static partial Regex OrderedStart();
}
