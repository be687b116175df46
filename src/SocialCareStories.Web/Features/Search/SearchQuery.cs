using System.Globalization;
using System.Text;

namespace SocialCareStories.Web.Features.Search;

/// <summary>
/// Turns what a reader typed into an FTS5 query that can never be a syntax error: the words only, each
/// quoted (so AND, OR, NOT and NEAR are plain words), all required. No word matches as a prefix: the box is
/// submitted whole words, porter stemming already joins "recruit" and "recruitment", and a prefix query on
/// a common word ("care"*) merges many doclists, several times slower at 100,000 stories.
/// </summary>
public static class SearchQuery
{
    // Bounds the work one request can ask of the index, whatever is pasted into the box.
    private const int MaxInputLength = 200;
    private const int MaxTerms = 10;

    /// <summary>The FTS5 MATCH expression, or null when the text holds no words (empty, spaces, or only syntax).</summary>
    public static string? ToFts5(string? text)
    {
        var terms = Terms(text);
        if (terms.Count == 0)
        {
            return null;
        }

        return string.Join(" AND ", terms.Select(term => $"\"{term}\""));
    }

    /// <summary>
    /// The words of the text: runs of letters, digits and combining marks. Everything else (quotes, stars,
    /// brackets, hyphens, colons, carets) separates words, as the unicode61 tokenizer would treat it anyway.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var input = text.Length > MaxInputLength ? text[..MaxInputLength] : text;
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in input)
        {
            if (IsWordCharacter(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                terms.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            terms.Add(word.ToString());
        }

        return terms.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList();
    }

    // Surrogate halves count as word characters so letters outside the BMP survive; private-use characters
    // do not, so the snippet delimiters can never come from a query.
    private static bool IsWordCharacter(char c) => char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };
}
