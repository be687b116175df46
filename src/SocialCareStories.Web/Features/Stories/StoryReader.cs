using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Comments;

namespace SocialCareStories.Web.Features.Stories;

public sealed record StoryView(
    Story Story,
    IReadOnlyList<AuthorView> Authors,
    IReadOnlyList<(string Path, string Slug)> Categories,
    IReadOnlyList<Comment> Comments,
    IReadOnlyList<CaseStudyView> CaseStudies,
    IReadOnlyList<StoryAward> Awards,
    IReadOnlyList<StorySummary> Related);

public sealed record AuthorView(string Name, string Slug, string? Role, string? OrganisationName, string? OrganisationSlug);

public sealed record CaseStudyView(string Title, string Slug, string? Place, string? Outcomes, IReadOnlyList<string> Organisations);

/// <summary>An award an entry linked to this story won or was listed for, e.g. "Accolades winner 2015".</summary>
public sealed record StoryAward(string Programme, int Year, string Category, AwardResult Result, string Organisation)
{
    public string Label => Result switch
    {
        AwardResult.Winner => $"{ShortProgramme} winner {Year}",
        AwardResult.HighlyCommended => $"{ShortProgramme} highly commended {Year}",
        _ => $"{ShortProgramme} shortlisted {Year}",
    };

    private string ShortProgramme => Programme.StartsWith("Skills for Care ", StringComparison.Ordinal) ? Programme["Skills for Care ".Length..] : Programme;
}

/// <summary>Everything a story page shows, in a handful of queries.</summary>
public sealed class StoryReader(IDbContextFactory<StoriesDbContext> contextFactory, StoryCatalogue catalogue)
{
    private const int RelatedCount = 4;
    private const int RelatedCandidateLinks = 400;

    public Task<StoryView?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default) =>
        FindAsync(s => s.Slug == slug && s.Status == StoryStatus.Published, cancellationToken);

    /// <summary>A story whatever its status, for the editors' preview: never for readers.</summary>
    public Task<StoryView?> FindForPreviewAsync(int id, CancellationToken cancellationToken = default) =>
        FindAsync(s => s.Id == id, cancellationToken);

    private async Task<StoryView?> FindAsync(System.Linq.Expressions.Expression<Func<Story, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var story = await db.Stories.AsNoTracking()
            .Include(s => s.Tags)
            .Include(s => s.Categories).ThenInclude(c => c.Parent)
            .AsSplitQuery()
            .SingleOrDefaultAsync(which, cancellationToken);
        if (story is null)
        {
            return null;
        }

        var authors = await db.StoryAuthors.AsNoTracking().Where(a => a.StoryId == story.Id).OrderBy(a => a.Position)
            .Select(a => new AuthorView(a.Author.Name, a.Author.Slug, a.Author.Role,
                a.Author.Organisation != null ? a.Author.Organisation.Name : null,
                a.Author.Organisation != null ? a.Author.Organisation.Slug : null))
            .ToListAsync(cancellationToken);
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.StoryId == story.Id && c.Status == ModerationStatus.Approved)
            .OrderBy(c => c.Position).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var caseStudies = await db.CaseStudies.AsNoTracking().Where(c => c.StoryId == story.Id).OrderBy(c => c.Title)
            .Select(c => new CaseStudyView(c.Title, c.Slug, c.Place, c.Outcomes, c.Organisations.Select(o => o.Name).ToList()))
            .ToListAsync(cancellationToken);
        var awards = await db.AwardEntries.AsNoTracking()
            .Where(e => e.StoryId == story.Id && e.Category.Year.IsPublished && e.Result != AwardResult.NotYetAnnounced)
            // Results are stored as names, so rank them explicitly rather than sorting the strings.
            .OrderByDescending(e => e.Category.Year.Year)
            .ThenByDescending(e => e.Result == AwardResult.Winner ? 3 : e.Result == AwardResult.HighlyCommended ? 2 : 1)
            .Select(e => new StoryAward(e.Category.Year.Programme.Name, e.Category.Year.Year, e.Category.Name, e.Result, e.Organisation.Name))
            .ToListAsync(cancellationToken);

        var categoryIds = story.Categories.Select(c => c.Id).ToList();
        var tagIds = story.Tags.Select(t => t.Id).ToList();
        var relatedIds = await RelatedAsync(db, story, cancellationToken);

        var categories = story.Categories.Select(c => (c.Path.Replace(" > ", " › ", StringComparison.Ordinal), c.Slug)).OrderBy(c => c.Item1, StringComparer.OrdinalIgnoreCase).ToList();
        return new StoryView(story, authors, categories, comments, caseStudies, awards, await catalogue.SummariesAsync(relatedIds, cancellationToken));
    }

    /// <summary>
    /// The stories most alike this one: those sharing the most categories and tags, newest first among equals.
    /// Candidates are the newest links from the join tables (their keys are indexed), so the cost stays
    /// flat however many stories share a busy category; scoring every story made an uncached page take
    /// about 200 ms at 100,000 stories.
    /// </summary>
    private static async Task<List<int>> RelatedAsync(StoriesDbContext db, Story story, CancellationToken cancellationToken)
    {
        var categoryIds = story.Categories.Select(c => c.Id).ToList();
        var tagIds = story.Tags.Select(t => t.Id).ToList();
        if (categoryIds.Count + tagIds.Count == 0)
        {
            return [];
        }

        var viaCategories = db.Set<Dictionary<string, object>>("StoryCategories")
            .Where(link => categoryIds.Contains(EF.Property<int>(link, "CategoriesId")))
            .Select(link => EF.Property<int>(link, "StoriesId"));
        var viaTags = db.Set<Dictionary<string, object>>("StoryTags")
            .Where(link => tagIds.Contains(EF.Property<int>(link, "TagsId")))
            .Select(link => EF.Property<int>(link, "StoriesId"));
        var links = await viaCategories.Concat(viaTags)
            .Where(id => id != story.Id)
            .OrderByDescending(id => id)
            .Take(RelatedCandidateLinks)
            .ToListAsync(cancellationToken);

        var candidates = links.Distinct().ToList();
        var published = (await db.Stories.Where(s => candidates.Contains(s.Id) && s.Status == StoryStatus.Published)
            .Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        return links.Where(published.Contains)
            .GroupBy(id => id)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key)
            .Take(RelatedCount)
            .Select(g => g.Key)
            .ToList();
    }
}
