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

            byKey[entry.Story] = story with
            {
                Title = entry.Title ?? story.Title,
                Kind = entry.Kind ?? story.Kind,
                PublishedOn = entry.PublishedOn?.ToPartialDate() ?? story.PublishedOn,
                SourcePublication = entry.Publication ?? story.SourcePublication,
                SourceUrl = entry.Url ?? story.SourceUrl,
                Authors = entry.Authors ?? story.Authors,
                NeedsReview = entry.Title is null && story.NeedsReview,
                ReviewNote = entry.Note ?? (entry.Title is null ? story.ReviewNote : null),
            };
        }

        return stories.Select(s => byKey[s.ImportKey]).ToList();
    }
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
