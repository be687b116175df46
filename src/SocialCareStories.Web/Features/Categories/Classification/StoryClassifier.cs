using System.Text.RegularExpressions;
using SocialCareStories.Web.Features.Categories.Taxonomy;

namespace SocialCareStories.Web.Features.Categories.Classification;

/// <summary>A category the classifier suggests: its path ("Mental Health > Dementia"), a score from 0 to 1 and the words it rests on.</summary>
public sealed record SuggestedCategory(string Path, int? CategoryId, double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Suggests sectors and themes for a story from its title, summary and body, using the taxonomy's names and terms.
/// Each distinct term found counts by the most telling field it is in (title 3, summary 2, body 1 for ~600 words, more for
/// a shorter body and less for a longer one), a little more when repeated; the evidence
/// becomes a score of 1 − e^(−evidence / 3). A theme's evidence also counts for its sector. A sector is suggested on
/// its own only when none of its themes is confident enough to be filed. Deterministic, with no training: what it rests on is shown to editors.
/// </summary>
public static partial class StoryClassifier
{
    /// <summary>
    /// Filed automatically on import at or above this score: a word in the title, or two or three in a body of some
    /// length. Chosen on the labelled set (tests/…/Categories/LabelledStories.cs), where 0.48 to 0.52 all give the same
    /// precision and recall; see docs/classification.md.
    /// </summary>
    public const double ApplyThreshold = 0.5;

    /// <summary>Offered to editors at or above this score.</summary>
    public const double OfferThreshold = 0.25;

    private const double TitleWeight = 3;
    private const double SummaryWeight = 2;
    private const int BodyWordsAtFullWeight = 600;
    private const int MaxReasons = 5;

    // A short body's words count for more (up to 2.5 times, under ~100 words) and a long one's for less, by the
    // square root of its length: what matters is how much of the text is about the category.
    private const double MaxBodyWeight = 2.5;

    // A theme is evidence for its sector too, at half weight, so a sector is suggested alone only on words of its own.
    private const double SectorShareOfTheme = 0.5;

    public static IReadOnlyList<SuggestedCategory> Suggest(Taxonomy.Taxonomy taxonomy, string title, string? summary, string body)
    {
        var fields = new[]
        {
            (Words: Words(title), Weight: TitleWeight),
            (Words: Words(summary ?? ""), Weight: SummaryWeight),
            (Words: Words(body), Weight: 1.0),
        };
        var bodyWords = fields[2].Words.Count;
        fields[2].Weight = Math.Min(MaxBodyWeight, Math.Sqrt((double)BodyWordsAtFullWeight / Math.Max(bodyWords, 1)));

        var suggestions = new List<SuggestedCategory>();
        foreach (var sector in taxonomy.Sectors)
        {
            var own = Evidence(sector, fields);
            var themes = sector.Themes.Select(t => (Theme: t, Evidence: Evidence(t, fields))).ToList();
            var suggestedThemes = themes.Where(t => Score(t.Evidence.Total) >= OfferThreshold)
                .Select(t => new SuggestedCategory(t.Theme.Path, t.Theme.Id, Score(t.Evidence.Total), t.Evidence.Reasons)).ToList();
            suggestions.AddRange(suggestedThemes);

            var strongestTheme = themes.OrderByDescending(t => t.Evidence.Total).FirstOrDefault();
            var sectorEvidence = own.Total + (strongestTheme.Theme is null ? 0 : SectorShareOfTheme * strongestTheme.Evidence.Total);
            if (!suggestedThemes.Any(t => t.Score >= ApplyThreshold) && Score(sectorEvidence) >= OfferThreshold)
            {
                var reasons = own.Reasons.Concat(strongestTheme.Evidence?.Reasons ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxReasons).ToList();
                suggestions.Add(new SuggestedCategory(sector.Path, sector.Id, Score(sectorEvidence), reasons));
            }
        }

        return suggestions.OrderByDescending(s => s.Score).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The sector a suggestion's path starts with.</summary>
    public static string SectorOf(string path) => CategoryPath.Split(path)[0];

    private static double Score(double evidence) => Math.Round(1 - Math.Exp(-evidence / 3), 2);

    private sealed record Found(double Total, IReadOnlyList<string> Reasons);

    private static Found Evidence(TaxonomyNode category, (List<Word> Words, double Weight)[] fields)
    {
        var found = new List<(string Term, double Weight)>();
        foreach (var term in TermsOf(category))
        {
            double best = 0;
            var occurrences = 0;
            foreach (var (words, weight) in fields)
            {
                var count = Count(words, term);
                if (count > 0)
                {
                    best = Math.Max(best, weight);
                    occurrences += count;
                }
            }

            if (occurrences > 0)
            {
                found.Add((term.Text, best * (1 + 0.5 * Math.Min(occurrences - 1, 2))));
            }
        }

        return new Found(
            found.Sum(f => f.Weight),
            found.OrderByDescending(f => f.Weight).ThenBy(f => f.Term, StringComparer.Ordinal).Select(f => f.Term).Take(MaxReasons).ToList());
    }

    /// <summary>A word of the text: as written (for acronyms) and folded (lower case, singular, straight apostrophes).</summary>
    private readonly record struct Word(string AsWritten, string Folded);

    private sealed record Term(string Text, Word[] Words, bool MatchCase);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TaxonomyNode, Term[]> TermCache = new();

    // The category's own name is a term too; a term's words that are all capitals are an acronym and matched as written.
    private static Term[] TermsOf(TaxonomyNode category) => TermCache.GetValue(category, c =>
        c.Terms.Prepend(c.Name)
            .Select(text => new Term(text, [.. Words(text)], IsAcronym(text)))
            .Where(t => t.Words.Length > 0)
            .DistinctBy(t => t.MatchCase ? string.Join(' ', t.Words.Select(w => w.AsWritten)) : string.Join(' ', t.Words.Select(w => w.Folded)))
            .ToArray());

    private static bool IsAcronym(string text) => text.Any(char.IsLetter) && text.Where(char.IsLetter).All(char.IsUpper);

    private static int Count(List<Word> words, Term term)
    {
        var count = 0;
        for (var i = 0; i + term.Words.Length <= words.Count; i++)
        {
            var all = true;
            for (var j = 0; j < term.Words.Length && all; j++)
            {
                all = term.MatchCase
                    ? string.Equals(words[i + j].AsWritten, term.Words[j].AsWritten, StringComparison.Ordinal)
                    : string.Equals(words[i + j].Folded, term.Words[j].Folded, StringComparison.Ordinal);
            }

            if (all)
            {
                count++;
                i += term.Words.Length - 1;
            }
        }

        return count;
    }

    private static List<Word> Words(string text) =>
        WordPattern().Matches(text.Replace('’', '\'')).Select(m => new Word(m.Value, Fold(m.Value))).ToList();

    // Folding is deliberately light: lower case, no possessive, no plural "s" ("carers" → "carer", "services" →
    // "service"), so terms are written once. A stemmer would also join words that mean different things here.
    private static string Fold(string word)
    {
        var folded = word.ToLowerInvariant();
        if (folded.EndsWith("'s", StringComparison.Ordinal))
        {
            folded = folded[..^2];
        }

        return folded.Length > 3 && folded.EndsWith('s') && !folded.EndsWith("ss", StringComparison.Ordinal) ? folded[..^1] : folded;
    }

    // Letters and digits, joined by '&' or an apostrophe inside a word (A&E, Alzheimer's); a hyphen separates, so
    // "co-production" is the two words "co production" in the text and in the term alike.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[&'][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
