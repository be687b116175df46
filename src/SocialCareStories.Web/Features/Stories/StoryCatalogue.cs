using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories;

namespace SocialCareStories.Web.Features.Stories;

public sealed record AuthorLink(string Name, string Slug);

/// <summary>A story as a listing shows it.</summary>
public sealed record StorySummary(
    int Id,
    string Slug,
    string Title,
    StoryKind Kind,
    string Excerpt,
    PartialDate PublishedOn,
    IReadOnlyList<AuthorLink> Authors,
    string? SourcePublication)
{
    /// <summary>The story's feature image, shown on its card; null when it has none (or the summary came without it).</summary>
    public Media.ImageRef? Image { get; init; }
}

/// <summary>A page of stories and the facet menus for the selection that gave it.</summary>
public sealed record FacetedListing(StoryPage<StorySummary> Stories, Browsing.FacetMenus Menus);


public sealed record StoryPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>
    /// More than <see cref="Total"/> match, and only the first <see cref="Total"/> can be paged through (search
    /// counts exactly up to a limit; see SearchService.CountLimit).
    /// </summary>
    public bool TotalCapped { get; init; }
}

/// <summary>
/// The published stories as readers find them: filtered, newest first, a page at a time, in two queries
/// (a count and one page with its authors) whatever the page size.
/// </summary>
public sealed class StoryCatalogue(IDbContextFactory<StoriesDbContext> contextFactory, Browsing.StoryFacets facets)
{
    public const int DefaultPageSize = 20;
    private const int ExcerptLength = 280;

    /// <summary>One page of the published stories the filter leaves, newest first (from the in-memory facets).</summary>
    public async Task<StoryPage<StorySummary>> ListAsync(StoryFilter filter, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        var found = (await facets.SnapshotAsync(cancellationToken)).Query(filter, pageSize, withMenus: false);
        return new StoryPage<StorySummary>(await SummariesAsync(found.PageIds, cancellationToken), found.Total, found.Page, pageSize);
    }

    /// <summary>Every facet's values and counts for the selection among the given stories (a search's matches).</summary>
    public async Task<Browsing.FacetMenus> MenusWithinAsync(StoryFilter filter, IReadOnlyCollection<int> storyIds, CancellationToken cancellationToken = default) =>
        (await facets.SnapshotAsync(cancellationToken)).Query(filter, 1, storyIds.ToHashSet()).Menus;

    /// <summary>As <see cref="ListAsync"/>, with every facet's values and counts for the selection.</summary>
    public async Task<FacetedListing> BrowseAsync(StoryFilter filter, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        var snapshot = await facets.SnapshotAsync(cancellationToken);
        var found = snapshot.Query(filter, pageSize);
        var items = await SummariesAsync(found.PageIds, cancellationToken);
        return new FacetedListing(new StoryPage<StorySummary>(items, found.Total, found.Page, pageSize), found.Menus);
    }

    /// <summary>
    /// Stories worth putting first: those behind an award or telling a case study of good practice, newest
    /// first. There is no editorial "featured" flag yet; this is what the content itself says is notable.
    /// </summary>
    public async Task<IReadOnlyList<StorySummary>> FeaturedAsync(int count, CancellationToken cancellationToken = default) =>
        await SummariesAsync((await facets.SnapshotAsync(cancellationToken)).Featured(count), cancellationToken);

    /// <summary>Summaries of the given published stories, in the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<StorySummary>> SummariesAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await SummariesAsync(db, ids, cancellationToken);
    }

    /// <summary>As <see cref="SummariesAsync(IReadOnlyList{int}, CancellationToken)"/>, on a context the caller already holds.</summary>
    internal static async Task<IReadOnlyList<StorySummary>> SummariesAsync(StoriesDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        await using var read = await ReadConnection.OverAsync(db, cancellationToken);
        return await SummariesAsync(read, ids, cancellationToken);
    }

    /// <summary>As <see cref="SummariesAsync(IReadOnlyList{int}, CancellationToken)"/>, on a connection the caller already holds.</summary>
    /// <remarks>
    /// One command of two statements (the stories, their authors), read by hand: these run on every story page
    /// (related stories) and search page, where EF Core's per-query work on two queries, compiled or not, cost more
    /// than the queries themselves. The excerpt is what <see cref="ToSummaryRow"/> reads. Quoted names and
    /// @-parameters read the same on SQLite and PostgreSQL.
    /// </remarks>
    internal static async Task<IReadOnlyList<StorySummary>> SummariesAsync(ReadConnection read, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var summaryRows = new List<SummaryRow>(ids.Count);
        var authorRows = new List<AuthorRow>(ids.Count);
        var parameters = new (string Name, object Value)[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            parameters[i] = ($"@s{i}", ids[i]);
        }

        await using (var reader = await read.Command(SummariesSql(ids.Count), parameters).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                summaryRows.Add(new SummaryRow(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), Enum.Parse<StoryKind>(reader.GetString(3)), reader.GetString(4),
                    reader.GetNullableInt32(5), reader.GetNullableInt32(6), reader.GetNullableInt32(7), reader.GetNullableString(8))
                {
                    Image = StoryReader.ReadImage(reader, 9),
                });
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                authorRows.Add(new AuthorRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var byId = Compose(summaryRows, authorRows).ToDictionary(s => s.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    /// <summary>The summaries' two statements for <paramref name="count"/> ids: one text per count, so each can stay prepared.</summary>
    private static string SummariesSql(int count)
    {
        var idList = string.Join(", ", Enumerable.Range(0, count).Select(i => $"@s{i}"));
        return $"""
            SELECT "Stories"."Id", "Slug", "Title", "Kind", COALESCE("Summary", substr("BodyMarkdown", 1, {ExcerptLength + 40})),
                "PublishedYear", "PublishedMonth", "PublishedDay", "SourcePublication", {StoryReader.FeatureImageColumns("m")}
                FROM "Stories" LEFT JOIN "MediaImages" AS m ON m."Id" = "FeatureImageId"
                WHERE "Stories"."Id" IN ({idList}) AND "Status" = '{StoryVisibility.PublicStatusInSql}';
            SELECT sa."StoryId", a."Name", a."Slug"
                FROM "StoryAuthors" AS sa JOIN "Authors" AS a ON a."Id" = sa."AuthorId"
                WHERE sa."StoryId" IN ({idList}) ORDER BY sa."Position";
            """;
    }

    /// <remarks>
    /// Each filter is written as "the story's id is among the ids its links give" (<c>Id IN (SELECT …)</c>), not
    /// as "some link of this story matches" (<c>EXISTS</c>): the first reads the category's, tag's or author's links
    /// once, the second probes the links of every published story. Newest first, the page then walks the stories'
    /// newest-first index and keeps those in the set; the count reads the set. At 100,000 stories a sector's count
    /// went from ~400 ms to ~70 ms (machine at load 10).
    /// </remarks>
    internal static async Task<IQueryable<Story>> FilterAsync(StoriesDbContext db, IQueryable<Story> stories, StoryFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Kind is StoryKind.CaseStudy)
        {
            // One concept of a case study: a story of that kind, or any story telling one.
            stories = stories.Where(s => s.Kind == StoryKind.CaseStudy || s.CaseStudies.Any());
        }
        else if (filter.Kind is { } kind)
        {
            stories = stories.Where(s => s.Kind == kind);
        }

        foreach (var categorySlug in new[] { filter.Sector, filter.Theme, filter.Category }.Where(c => c is { Length: > 0 }))
        {
            var ids = await Categories.CategoryTree.SelfAndDescendantIdsAsync(db, categorySlug!, cancellationToken);
            var filed = db.Set<Dictionary<string, object>>("StoryCategories")
                .Where(link => ids.Contains(EF.Property<int>(link, "CategoriesId")))
                .Select(link => EF.Property<int>(link, "StoriesId"));
            stories = stories.Where(s => filed.Contains(s.Id));
        }

        if (filter.Collection is { Length: > 0 } collection)
        {
            var collected =
                from link in db.Set<Dictionary<string, object>>("StoryTags")
                join t in db.Tags on EF.Property<int>(link, "TagsId") equals t.Id
                where t.Slug == collection && t.IsCollection
                select EF.Property<int>(link, "StoriesId");
            stories = stories.Where(s => collected.Contains(s.Id));
        }

        if (filter.Award is { } award)
        {
            var awarded = db.AwardEntries.Where(e => e.StoryId != null && e.Category.Year.IsPublished && e.Category.Year.Year == award).Select(e => e.StoryId!.Value);
            stories = stories.Where(s => awarded.Contains(s.Id));
        }

        if (filter.Tag is { Length: > 0 } tag)
        {
            var tagged =
                from link in db.Set<Dictionary<string, object>>("StoryTags")
                join t in db.Tags on EF.Property<int>(link, "TagsId") equals t.Id
                where t.Slug == tag
                select EF.Property<int>(link, "StoriesId");
            stories = stories.Where(s => tagged.Contains(s.Id));
        }

        if (filter.Year is { } year)
        {
            stories = stories.Where(s => s.PublishedOn.Year == year);
        }

        if (filter.Author is { Length: > 0 } author)
        {
            var written = db.StoryAuthors.Where(a => a.Author.Slug == author).Select(a => a.StoryId);
            stories = stories.Where(s => written.Contains(s.Id));
        }

        if (filter.Organisation is { Length: > 0 } organisation)
        {
            var byItsPeople = db.StoryAuthors.Where(a => a.Author.Organisation != null && a.Author.Organisation.Slug == organisation).Select(a => a.StoryId);
            var itsCaseStudies = db.CaseStudies.Where(c => c.Organisations.Any(o => o.Slug == organisation)).Select(c => c.StoryId);
            stories = stories.Where(s => byItsPeople.Contains(s.Id) || itsCaseStudies.Contains(s.Id));
        }

        return stories;
    }

    /// <summary>
    /// The stories' summaries, then their authors in a second query. One query with the authors joined in
    /// made SQLite build the whole author join for every page (about 100 ms at 100,000 stories).
    /// </summary>
    private static async Task<List<StorySummary>> SummariesAsync(StoriesDbContext db, IQueryable<Story> stories, CancellationToken cancellationToken)
    {
        var rows = await stories.Select(ToSummaryRow).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var authors = await db.StoryAuthors.AsNoTracking().Where(a => ids.Contains(a.StoryId)).OrderBy(a => a.Position)
            .Select(a => new AuthorRow(a.StoryId, a.Author.Name, a.Author.Slug)).ToListAsync(cancellationToken);
        return Compose(rows, authors);
    }

    private static List<StorySummary> Compose(List<SummaryRow> rows, List<AuthorRow> authorRows)
    {
        var authors = authorRows.ToLookup(a => a.StoryId, a => new AuthorLink(a.Name, a.Slug));
        return rows.Select(r => new StorySummary(
            r.Id, r.Slug, r.Title, r.Kind, Excerpts.From(r.Excerpt, ExcerptLength), new PartialDate(r.Year, r.Month, r.Day),
            authors[r.Id].ToList(), r.SourcePublication) { Image = r.Image }).ToList();
    }

    private static readonly Expression<Func<Story, SummaryRow>> ToSummaryRow = s => new SummaryRow(
        s.Id,
        s.Slug,
        s.Title,
        s.Kind,
        s.Summary ?? s.BodyMarkdown.Substring(0, ExcerptLength + 40),
        s.PublishedOn.Year,
        s.PublishedOn.Month,
        s.PublishedOn.Day,
        s.SourcePublication);

    private sealed record SummaryRow(int Id, string Slug, string Title, StoryKind Kind, string Excerpt, int? Year, int? Month, int? Day, string? SourcePublication)
    {
        public Media.ImageRef? Image { get; init; }
    }

    private sealed record AuthorRow(int StoryId, string Name, string Slug);
}
