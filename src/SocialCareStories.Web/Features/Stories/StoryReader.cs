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
    /// read newest first (a link in the newest 400 overall is among the newest 400 of its own category or tag).
    /// </summary>
    /// <remarks>
    /// One SQL statement does the gathering, the counting and the ranking, and returns only the ids shown:
    /// reading the ~2,000 candidate links into .NET one row at a time and ranking them there was two thirds
    /// of an uncached story page. The statement's shape depends only on how many categories and tags the story
    /// has; the ids themselves are parameters.
    /// </remarks>
    private static async Task<IReadOnlyList<StorySummary>> RelatedAsync(StoriesDbContext db, Story story, CancellationToken cancellationToken)
    {
        if (story.Categories.Count + story.Tags.Count == 0)
        {
            return [];
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        var ranges = new List<string>(story.Categories.Count + story.Tags.Count);
        void AddRange(string table, string column, int id)
        {
            var name = $"$l{ranges.Count}";
            ranges.Add($"SELECT StoriesId FROM (SELECT StoriesId FROM {table} WHERE {column} = {name} AND StoriesId <> $story ORDER BY StoriesId DESC LIMIT $candidates)");
            AddParameter(command, name, id);
        }

        foreach (var category in story.Categories)
        {
            AddRange("StoryCategories", "CategoriesId", category.Id);
        }

        foreach (var tag in story.Tags)
        {
            AddRange("StoryTags", "TagsId", tag.Id);
        }

        command.CommandText = $"""
            WITH links(Id) AS ({string.Join(" UNION ALL ", ranges)}),
            newest(Id) AS (SELECT Id FROM links ORDER BY Id DESC LIMIT $candidates),
            ranked(Id, Shared) AS (SELECT Id, count(*) FROM newest GROUP BY Id)
            SELECT ranked.Id FROM ranked JOIN Stories ON Stories.Id = ranked.Id AND Stories.Status = $published
            ORDER BY ranked.Shared DESC, ranked.Id DESC
            LIMIT $count
            """;
        AddParameter(command, "$story", story.Id);
        AddParameter(command, "$candidates", RelatedCandidateLinks);
        AddParameter(command, "$published", nameof(StoryStatus.Published));
        AddParameter(command, "$count", RelatedCount);

        var ids = new List<int>(RelatedCount);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        return await StoryCatalogue.SummariesAsync(db, ids, cancellationToken);
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
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
