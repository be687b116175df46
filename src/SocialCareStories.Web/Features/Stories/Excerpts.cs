using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Stories;

/// <summary>Plain-text openings of Markdown for listings, meta descriptions, feeds and search snippets.</summary>
public static partial class Excerpts
{
    public static string From(string markdown, int maxLength)
    {
        var text = PlainText(markdown);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return text[..(cut > maxLength / 2 ? cut : maxLength)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    /// <summary>
    /// Markdown as a reader would read it: images dropped, links reduced to their text, block and emphasis markers
    /// and escapes dropped, blocks separated by a space. The text is often a piece cut from the middle of a body (the
    /// opening a listing reads, a search engine's snippet), so a link or image cut in two is tidied as well as a whole
    /// one: "…calderdale-team.jpg)What happened" reads "…What happened". Characters it does not know (such as the
    /// snippets' match delimiters) pass through untouched.
    /// </summary>
    public static string PlainText(string markdown)
    {
        var text = Image().Replace(markdown, " ");
        text = Link().Replace(text, "${text}");
        text = CutImage().Replace(text, " ");
        text = CutLinkEnd().Replace(text, "${text}");
        text = CutLinkStart().Replace(text, "${lead}");
        text = LinkTail().Replace(text, " ");
        text = BlockMarker().Replace(text, "$1");
        text = Emphasis().Replace(text, "");
        text = Escape().Replace(text, "${c}");
        return Whitespace().Replace(text, " ").Trim();
    }

    // ![alt](address "title"): nothing a reader of plain text can see.
    [GeneratedRegex(@"(?<!\\)!\[[^\]\n]*\]\([^)\n]*\)")]
    private static partial Regex Image();

    // [text](address): the text.
    [GeneratedRegex(@"(?<![\\!])\[(?<text>[^\]\n]*)\]\([^)\n]*\)")]
    private static partial Regex Link();

    // An image cut off at the end of the piece: "![Calderdale team](https://exa".
    [GeneratedRegex(@"(?<!\\)!\[[^\]\n]*(\]\([^)\n]*)?$")]
    private static partial Regex CutImage();

    // A link cut off at the end of the piece: "[Calderdale team](https://exa" reads "Calderdale team".
    [GeneratedRegex(@"(?<![\\!])\[(?<text>[^\]\n]*)\]\([^)\n]*$")]
    private static partial Regex CutLinkEnd();

    // The piece begins inside an address, whose end it shows: "…calderdale-team.jpg)What happened". Only what looks
    // like an address (a slash, or a file's extension) goes, so "…referendum) would" keeps its word.
    [GeneratedRegex(@"^(?<lead>…|\.\.\.)?[^\s()\[\]]*(/[^\s()\[\]]*|\.[A-Za-z]{2,4})\)")]
    private static partial Regex CutLinkStart();

    // The piece begins inside a link's text or image's alt text: the "](address)" after it.
    [GeneratedRegex(@"(?<!\\)\]\([^)\s]*\)")]
    private static partial Regex LinkTail();

    // Headings' hashes, list bullets and numbers, block quotes at the start of a line; the line break stays, so
    // "workforce.\n\n### Dodging" does not become "workforce.Dodging".
    [GeneratedRegex(@"(^|\n)[ \t]{0,3}(#{1,6}|[-*+]|\d{1,9}[.)]|>)[ \t]+")]
    private static partial Regex BlockMarker();

    // Emphasis and code markers not escaped.
    [GeneratedRegex(@"(?<!\\)[*_`]{1,3}")]
    private static partial Regex Emphasis();

    // An escape, read as the character it escapes.
    [GeneratedRegex(@"\\(?<c>[\\`*_{}\[\]()<>#+\-.!|'""])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
