using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Comments;

namespace SocialCareStories.Web.Features.Stories;

/// <param name="BodyHtml">The story's body as sanitised HTML (from <see cref="MarkdownRenderer.ToSafeHtml"/> only).</param>
public sealed record StoryView(
    Story Story,
    string BodyHtml,
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
public sealed class StoryReader(IDbContextFactory<StoriesDbContext> contextFactory, MarkdownRenderer renderer)
{
    private const int RelatedCount = 4;
    private const int RelatedCandidateLinks = 400;

    // Compiled once: an uncached story page runs about ten small queries, and translating each LINQ tree on
    // every request (parameter extraction, cache-key hashing) cost as much as running them.
    private static readonly Func<StoriesDbContext, string, CancellationToken, Task<Story?>> PublishedStory = EF.CompileAsyncQuery(
        (StoriesDbContext db, string slug, CancellationToken _) => db.Stories.AsNoTracking()
            .Include(s => s.Tags)
            .Include(s => s.Categories).ThenInclude(c => c.Parent)
            .AsSplitQuery()
            .SingleOrDefault(s => s.Slug == slug && s.Status == StoryStatus.Published));

    private static readonly Func<StoriesDbContext, int, CancellationToken, Task<Story?>> AnyStory = EF.CompileAsyncQuery(
        (StoriesDbContext db, int id, CancellationToken _) => db.Stories.AsNoTracking()
            .Include(s => s.Tags)
            .Include(s => s.Categories).ThenInclude(c => c.Parent)
            .AsSplitQuery()
            .SingleOrDefault(s => s.Id == id));

    private static readonly Func<StoriesDbContext, int, IAsyncEnumerable<AuthorView>> AuthorsOf = EF.CompileAsyncQuery(
        (StoriesDbContext db, int storyId) => db.StoryAuthors.AsNoTracking().Where(a => a.StoryId == storyId).OrderBy(a => a.Position)
            .Select(a => new AuthorView(a.Author.Name, a.Author.Slug, a.Author.Role,
                a.Author.Organisation != null ? a.Author.Organisation.Name : null,
                a.Author.Organisation != null ? a.Author.Organisation.Slug : null)));

    private static readonly Func<StoriesDbContext, int, IAsyncEnumerable<Comment>> ApprovedCommentsOn = EF.CompileAsyncQuery<StoriesDbContext, int, Comment>(
        (StoriesDbContext db, int storyId) => db.Comments.AsNoTracking()
            .Where(c => c.StoryId == storyId && c.Status == ModerationStatus.Approved)
            .OrderBy(c => c.Position).ThenBy(c => c.Id));

    private static readonly Func<StoriesDbContext, int, IAsyncEnumerable<CaseStudyView>> CaseStudiesIn = EF.CompileAsyncQuery(
        (StoriesDbContext db, int storyId) => db.CaseStudies.AsNoTracking().Where(c => c.StoryId == storyId).OrderBy(c => c.Title)
            .Select(c => new CaseStudyView(c.Title, c.Slug, c.Place, c.Outcomes, c.Organisations.Select(o => o.Name).ToList())));

    private static readonly Func<StoriesDbContext, int, IAsyncEnumerable<StoryAward>> AwardsFor = EF.CompileAsyncQuery(
        (StoriesDbContext db, int storyId) => db.AwardEntries.AsNoTracking()
            .Where(e => e.StoryId == storyId && e.Category.Year.IsPublished && e.Result != AwardResult.NotYetAnnounced)
            // Results are stored as names, so rank them explicitly rather than sorting the strings.
            .OrderByDescending(e => e.Category.Year.Year)
            .ThenByDescending(e => e.Result == AwardResult.Winner ? 3 : e.Result == AwardResult.HighlyCommended ? 2 : 1)
            .Select(e => new StoryAward(e.Category.Year.Programme.Name, e.Category.Year.Year, e.Category.Name, e.Result, e.Organisation.Name)));

    private static readonly Func<StoriesDbContext, int, int, IAsyncEnumerable<int>> NewestLinksOfCategory = EF.CompileAsyncQuery(
        (StoriesDbContext db, int categoryId, int storyId) => db.Set<Dictionary<string, object>>("StoryCategories")
            .Where(link => EF.Property<int>(link, "CategoriesId") == categoryId && EF.Property<int>(link, "StoriesId") != storyId)
            .Select(link => EF.Property<int>(link, "StoriesId"))
            .OrderByDescending(id => id)
            .Take(RelatedCandidateLinks));

    private static readonly Func<StoriesDbContext, int, int, IAsyncEnumerable<int>> NewestLinksOfTag = EF.CompileAsyncQuery(
        (StoriesDbContext db, int tagId, int storyId) => db.Set<Dictionary<string, object>>("StoryTags")
            .Where(link => EF.Property<int>(link, "TagsId") == tagId && EF.Property<int>(link, "StoriesId") != storyId)
            .Select(link => EF.Property<int>(link, "StoriesId"))
            .OrderByDescending(id => id)
            .Take(RelatedCandidateLinks));

    public async Task<StoryView?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // One connection for the page's queries, rather than EF Core opening and closing it around each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (await PublishedStory(db, slug, cancellationToken) is not { } story)
        {
            return null;
        }

        // Readers get the HTML stored when the story was saved; rendering is the fallback only for a row
        // the start-up re-render has not reached (it runs before the portal serves, so in practice never).
        var html = story is { BodyHtml: { } stored, BodyHtmlVersion: MarkdownRenderer.Version } ? stored : renderer.ToSafeHtml(story.BodyMarkdown);
        return await ViewOfAsync(db, story, html, cancellationToken);
    }

    /// <summary>A story whatever its status, for the editors' preview: never for readers.</summary>
    public async Task<StoryView?> FindForPreviewAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Rendered now rather than read: the preview shows what the current pipeline makes of the saved text.
        return await AnyStory(db, id, cancellationToken) is { } story
            ? await ViewOfAsync(db, story, renderer.ToSafeHtml(story.BodyMarkdown), cancellationToken)
            : null;
    }

    private static async Task<StoryView> ViewOfAsync(StoriesDbContext db, Story story, string bodyHtml, CancellationToken cancellationToken)
    {
        var authors = await ListAsync(AuthorsOf(db, story.Id), cancellationToken);
        var comments = await ListAsync(ApprovedCommentsOn(db, story.Id), cancellationToken);
        var caseStudies = await ListAsync(CaseStudiesIn(db, story.Id), cancellationToken);
        var awards = await ListAsync(AwardsFor(db, story.Id), cancellationToken);
        var related = await RelatedAsync(db, story, cancellationToken);
        var categories = story.Categories.Select(c => (c.Path.Replace(" > ", " › ", StringComparison.Ordinal), c.Slug)).OrderBy(c => c.Item1, StringComparer.OrdinalIgnoreCase).ToList();
        return new StoryView(story, bodyHtml, authors, categories, comments, caseStudies, awards, related);
    }

    /// <summary>
    /// The stories most alike this one: those sharing the most categories and tags, newest first among equals.
    /// Candidates are the newest <see cref="RelatedCandidateLinks"/> links from the join tables, so the cost stays
    /// flat however many stories share a busy category; scoring every story made an uncached page take about
    /// 200 ms at 100,000 stories. Those newest links are gathered per category and per tag, each an index range
    /// read newest first (a link in the newest 400 overall is among the newest 400 of its own category or tag);
    /// one ORDER BY over the union of all their links sorted some 40,000 rows a page.
    /// </summary>
    private static async Task<IReadOnlyList<StorySummary>> RelatedAsync(StoriesDbContext db, Story story, CancellationToken cancellationToken)
    {
        var newestLinks = new List<int>();
        foreach (var category in story.Categories)
        {
            newestLinks.AddRange(await ListAsync(NewestLinksOfCategory(db, category.Id, story.Id), cancellationToken));
        }

        foreach (var tag in story.Tags)
        {
            newestLinks.AddRange(await ListAsync(NewestLinksOfTag(db, tag.Id, story.Id), cancellationToken));
        }

        newestLinks.Sort();
        newestLinks.Reverse();
        var ranked = newestLinks
            .Take(RelatedCandidateLinks)
            .GroupBy(id => id)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key)
            .Select(g => g.Key)
            .ToList();

        // Summaries are read for published stories only, so the best-ranked candidates are asked for first and
        // the next ones only if drafts among them left fewer than RelatedCount.
        var related = new List<StorySummary>(RelatedCount);
        for (var next = 0; related.Count < RelatedCount && next < ranked.Count; next += RelatedCount)
        {
            var summaries = await StoryCatalogue.SummariesAsync(db, ranked.Skip(next).Take(RelatedCount).ToList(), cancellationToken);
            related.AddRange(summaries.Take(RelatedCount - related.Count));
        }

        return related;
    }

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> query, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in query.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }
}
