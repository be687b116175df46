using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Classification;
using SocialCareStories.Web.Features.Categories.Taxonomy;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCareStories.Web.Tests.Features.Categories;

public class StoryClassifierTests(ITestOutputHelper output)
{
    private static readonly Taxonomy SeedTaxonomy = Taxonomy.From(TaxonomyFile.Read(RepositoryFolders.Seeds)!);

    [Fact]
    public void The_classifier_reaches_precision_0_7_and_recall_0_8_on_the_labelled_set()
    {
        var seeds = new SourceDocumentParser().ParseFolder(RepositoryFolders.Seeds).Stories;
        var cases = LabelledStories.Written.Select(s => (s.Name, s.Title, Summary: (string?)null, s.Body, s.Labels))
            .Concat(seeds.Select((s, i) => (Name: s.ImportKey, s.Title, s.Summary, Body: s.BodyMarkdown, Labels: LabelledStories.Seeds[i])))
            .ToList();

        var measured = LabelledSetMeasure.Of(cases.Select(c => (
            c.Name,
            Expected: c.Labels,
            Suggested: (IReadOnlyList<string>)StoryClassifier.Suggest(SeedTaxonomy, c.Title, c.Summary, c.Body)
                .Where(s => s.Score >= StoryClassifier.ApplyThreshold).Select(s => s.Path).ToList())));

        output.WriteLine(measured.Report());
        Assert.True(measured.Precision >= 0.7, $"precision {measured.Precision:F2} is under 0.70\n{measured.Report()}");
        Assert.True(measured.Recall >= 0.8, $"recall {measured.Recall:F2} is under 0.80\n{measured.Report()}");
    }

    [Fact]
    public void A_suggestion_names_the_words_it_rests_on()
    {
        var suggestions = StoryClassifier.Suggest(SeedTaxonomy, "A memory clinic in the high street",
            null, "People living with dementia and their families can drop in to the memory clinic without an appointment.");

        var dementia = Assert.Single(suggestions, s => s.Path == "Mental Health > Dementia");
        Assert.Contains("memory clinic", dementia.Reasons);
        Assert.Contains("dementia", dementia.Reasons, StringComparer.OrdinalIgnoreCase);
        Assert.True(dementia.Score >= StoryClassifier.ApplyThreshold, $"score {dementia.Score}");
    }

    [Fact]
    public void An_acronym_matches_only_as_written()
    {
        var shouting = StoryClassifier.Suggest(SeedTaxonomy, "Our LD nurses", null, "The LD team and the LD partnership board met.");
        var lowerCase = StoryClassifier.Suggest(SeedTaxonomy, "A world of difference", null, "The old world ld be better, said the sign.");

        Assert.Contains(shouting, s => s.Path == "Mental Health > Learning disability and autism");
        Assert.DoesNotContain(lowerCase, s => s.Path == "Mental Health > Learning disability and autism");
    }

    [Fact]
    public void A_word_in_the_title_counts_for_more_than_the_same_word_in_the_body()
    {
        var inTitle = StoryClassifier.Suggest(SeedTaxonomy, "Safeguarding week", null, "A week of events across the county.");
        var inBody = StoryClassifier.Suggest(SeedTaxonomy, "A week of events", null, "Safeguarding week brings events across the county.");

        Assert.True(
            inTitle.Single(s => s.Path == "Social Care > Safeguarding").Score > inBody.Single(s => s.Path == "Social Care > Safeguarding").Score);
    }

    [Fact]
    public void A_text_about_nothing_in_the_taxonomy_gets_no_confident_suggestion()
    {
        var suggestions = StoryClassifier.Suggest(SeedTaxonomy, "The village fete", null, "The cake stall raised forty pounds and the sun shone all afternoon.");

        Assert.DoesNotContain(suggestions, s => s.Score >= StoryClassifier.ApplyThreshold);
    }

    [Fact]
    public void A_suggested_theme_stands_for_its_sector_and_the_sector_is_not_suggested_again()
    {
        var suggestions = StoryClassifier.Suggest(SeedTaxonomy, "Dementia care at home", null, "Living with dementia, supported by the memory clinic.");

        Assert.Contains(suggestions, s => s.Path == "Mental Health > Dementia");
        Assert.DoesNotContain(suggestions, s => s.Path == "Mental Health");
    }
}

/// <summary>Micro-averaged precision and recall of suggested against expected labels, a theme counting for its sector too.</summary>
public sealed record LabelledSetMeasure(double Precision, double Recall, IReadOnlyList<(string Name, IReadOnlyList<string> Missed, IReadOnlyList<string> Wrong)> Cases)
{
    public static LabelledSetMeasure Of(IEnumerable<(string Name, IReadOnlyList<string> Expected, IReadOnlyList<string> Suggested)> cases)
    {
        int hits = 0, suggested = 0, expected = 0;
        var details = new List<(string, IReadOnlyList<string>, IReadOnlyList<string>)>();
        foreach (var (name, expectedLabels, suggestedLabels) in cases)
        {
            var want = WithSectors(expectedLabels);
            var got = WithSectors(suggestedLabels);
            hits += got.Count(want.Contains);
            suggested += got.Count;
            expected += want.Count;
            details.Add((name, want.Except(got).ToList(), got.Except(want).ToList()));
        }

        return new LabelledSetMeasure(suggested == 0 ? 0 : (double)hits / suggested, expected == 0 ? 0 : (double)hits / expected, details);
    }

    public string Report() =>
        $"precision {Precision:F2}, recall {Recall:F2} over {Cases.Count} stories\n"
        + string.Join('\n', Cases.Where(c => c.Missed.Count + c.Wrong.Count > 0)
            .Select(c => $"  {c.Name}: missed [{string.Join(", ", c.Missed)}] wrong [{string.Join(", ", c.Wrong)}]"));

    private static HashSet<string> WithSectors(IEnumerable<string> labels) =>
        labels.SelectMany(l => new[] { l, StoryClassifier.SectorOf(l) }).ToHashSet(StringComparer.Ordinal);
}
