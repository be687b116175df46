namespace SocialCareStories.Web.Features.Import.Curation;

/// <summary>Applies the curation's story entries to freshly parsed posts, before they are written.</summary>
public static class StoryCurator
{
    public static IReadOnlyList<ImportedStory> Apply(IReadOnlyList<ImportedStory> stories, CurationFile curation, ICollection<ImportProblem> problems)
    {
        var byKey = stories.ToDictionary(s => s.ImportKey, StringComparer.Ordinal);
        foreach (var entry in curation.Stories)
        {
            if (!byKey.TryGetValue(entry.Story, out var story))
            {
                problems.Add(new ImportProblem(CurationFile.FileName, $"Names the story \"{entry.Story}\", which the import did not find."));
                continue;
            }

            if (!Quotes.Holds(story, entry.Quote))
            {
                problems.Add(new ImportProblem(CurationFile.FileName, $"The story \"{entry.Story}\" no longer says \"{entry.Quote}\"; its curation was not applied."));
                continue;
            }

            var unsettled = story.ReviewReasons.Where(r => !Settles(entry, r.Fact)).ToList();
            byKey[entry.Story] = story with
            {
                Title = entry.Title ?? story.Title,
                Kind = entry.Kind ?? story.Kind,
                PublishedOn = entry.PublishedOn?.ToPartialDate() ?? story.PublishedOn,
                SourcePublication = entry.Publication ?? story.SourcePublication,
                SourceUrl = entry.Url ?? story.SourceUrl,
                Authors = entry.Authors ?? story.Authors,
                ReviewReasons = unsettled,
                NeedsReview = story.ReviewReasons.Count > 0 ? unsettled.Count > 0 : entry.Title is null && story.NeedsReview,
                ReviewNote = story.ReviewReasons.Count > 0
                    ? ReviewReason.Join([.. unsettled.Select(r => r.Note), entry.Note])
                    : entry.Note ?? (entry.Title is null ? story.ReviewNote : null),
            };
        }

        return stories.Select(s => byKey[s.ImportKey]).ToList();
    }

    private static bool Settles(StoryCuration entry, ReviewedFact fact) => fact switch
    {
        ReviewedFact.Title => entry.Title is not null,
        ReviewedFact.Authors => entry.Authors is not null,
        ReviewedFact.Date => entry.PublishedOn is not null,
        ReviewedFact.AuthorsOrDate => entry.Authors is not null || entry.PublishedOn is not null,
        _ => false,
    };
}

/// <summary>Checks that a curated fact's quotation stands in its story, ignoring Markdown escapes and line breaks.</summary>
public static class Quotes
{
    public static bool Holds(ImportedStory story, string quote) =>
        Normalise(string.Join(' ', story.Title, story.Summary, story.BodyMarkdown, story.SourcePublication, story.SourceUrl, string.Join(' ', story.Comments.Select(c => c.Body))))
            .Contains(Normalise(quote), StringComparison.Ordinal);

    public static string Normalise(string text) =>
        string.Join(' ', text.Replace("\\", "", StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
