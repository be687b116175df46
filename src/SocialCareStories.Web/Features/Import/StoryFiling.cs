using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Classification;
using SocialCareStories.Web.Features.Categories.Taxonomy;

namespace SocialCareStories.Web.Features.Import;

/// <summary>
/// Files an imported post under the taxonomy: the source's own labels where the taxonomy knows them, a source
/// collection ("Fabulous Stuff") as that collection, any other label as a tag, and the classifier's suggestions that
/// reach <see cref="StoryClassifier.ApplyThreshold"/>. A post left without a sector is flagged for review.
/// </summary>
public static class StoryFiling
{
    public static ImportedStory File(ImportedStory story, Taxonomy taxonomy)
    {
        var categories = new List<string>();
        var tags = story.Tags.ToList();
        var collections = new List<string>();
        foreach (var label in story.Categories)
        {
            var names = CategoryPath.Split(label);
            var collection = names.Select(taxonomy.CollectionOf).FirstOrDefault(c => c is not null);
            if (collection is not null)
            {
                collections.Add(collection);
            }

            // "Acute > Fabulous Stuff" is the collection within a sector: the sector stands, the collection is a tag.
            var path = CategoryPath.Join(names.Where(n => taxonomy.CollectionOf(n) is null));
            if (path.Length == 0)
            {
                continue;
            }

            var subject = names.Where(n => taxonomy.CollectionOf(n) is null).ToList();
            if (taxonomy.Find(path) is { } known)
            {
                categories.Add(known.Path);
            }
            else if (subject.Count > 1 && taxonomy.Find(subject[0]) is { SectorName: null } sector)
            {
                // "Social Care > Good News": the sector is known, the theme is not; the sector stands, the rest is a tag.
                categories.Add(sector.Path);
                tags.Add(subject[^1]);
            }
            else
            {
                tags.Add(subject[^1]);
            }
        }

        // A source tag naming a collection is that collection; one naming a sector or theme ("Tag Archives: Social
        // Care") files the post there.
        foreach (var tag in story.Tags)
        {
            if (taxonomy.CollectionOf(tag) is { } collection)
            {
                tags.Remove(tag);
                collections.Add(collection);
            }
            else if (taxonomy.Find(tag) is { } known)
            {
                tags.Remove(tag);
                categories.Add(known.Path);
            }
        }

        var suggestions = StoryClassifier.Suggest(taxonomy, story.Title, story.Summary, story.BodyMarkdown);
        categories.AddRange(suggestions.Where(s => s.Score >= StoryClassifier.ApplyThreshold).Select(s => s.Path));

        var filed = story with
        {
            Categories = categories.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Tags = tags.Concat(collections).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Collections = collections.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            SuggestedCategories = suggestions,
        };

        if (taxonomy.Sectors.Count > 0 && filed.Categories.Count == 0)
        {
            var best = suggestions.Count > 0 ? suggestions[0] : null;
            var note = best is null
                ? "No sector could be suggested: nothing in the text matches the taxonomy. Choose its sector."
                : $"No sector could be suggested with confidence (best: {best.Path}, {best.Score:0.00}). Choose its sector.";
            filed = filed.ReviewedFor([.. filed.ReviewReasons, new ReviewReason(ReviewedFact.Sector, note)]);
        }

        return filed;
    }
}
