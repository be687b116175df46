using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Feeds;

/// <summary>A category or tag as a feed entry files it.</summary>
public sealed record FeedTerm(string Slug, string Name);

/// <summary>A published story as a feed carries it.</summary>
/// <param name="BodyHtml">The story's body as sanitised HTML (stored at save, ADR-005; from <see cref="MarkdownRenderer.ToSafeHtml"/> only).</param>
public sealed record FeedEntry(
    int Id,
    string Slug,
    string Title,
    string Excerpt,
    string BodyHtml,
    PartialDate PublishedOn,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AuthorLink> Authors,
    IReadOnlyList<FeedTerm> Categories,
    IReadOnlyList<FeedTerm> Tags)
{
    /// <summary>The story's feature image, carried as an enclosure and at the top of the content.</summary>
    public Media.ImageRef? Image { get; init; }
}

/// <summary>
/// The newest published stories for a feed, with the same filters and order as the reading pages: the newest 50
/// rows in one query, then their authors, categories and tags by id (three small queries), and the body HTML as
/// stored at save rather than Markdown rendered again for each of the 50 entries.
/// </summary>
public sealed class FeedReader(IDbContextFactory<StoriesDbContext> contextFactory, MarkdownRenderer renderer)
{
    public const int EntryCount = 50;
    private const int ExcerptLength = 280;

    public async Task<IReadOnlyList<FeedEntry>> NewestAsync(StoryFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stories = await StoryCatalogue.FilterAsync(db, db.Stories.AsNoTracking().VisibleToReaders(), filter, cancellationToken);
        var rows = await stories.NewestFirst().Take(EntryCount)
            .Select(s => new FeedRow(
                s.Id, s.Slug, s.Title, s.Summary, s.BodyMarkdown, s.BodyHtml, s.BodyHtmlVersion,
                s.PublishedOn.Year, s.PublishedOn.Month, s.PublishedOn.Day, s.CreatedAt, s.UpdatedAt, s.FeatureImageId))
            .ToListAsync(cancellationToken);
        var imageIds = rows.Where(r => r.FeatureImageId is not null).Select(r => r.FeatureImageId!.Value).Distinct().ToList();
        var images = imageIds.Count == 0
            ? []
            : (await db.MediaImages.AsNoTracking().Where(i => imageIds.Contains(i.Id)).ToListAsync(cancellationToken))
                .ToDictionary(i => i.Id, Media.MediaLibrary.RefOf);
        var ids = rows.Select(r => r.Id).ToList();
        var authors = (await db.StoryAuthors.AsNoTracking().Where(a => ids.Contains(a.StoryId)).OrderBy(a => a.Position)
            .Select(a => new { a.StoryId, a.Author.Name, a.Author.Slug }).ToListAsync(cancellationToken))
            .ToLookup(a => a.StoryId, a => new AuthorLink(a.Name, a.Slug));
        var categories = await TermsByStoryAsync(db, "StoryCategories", "CategoriesId", db.Categories.Select(c => new TermRow { Id = c.Id, Slug = c.Slug, Name = c.Name }), ids, cancellationToken);
        var tags = await TermsByStoryAsync(db, "StoryTags", "TagsId", db.Tags.Select(t => new TermRow { Id = t.Id, Slug = t.Slug, Name = t.Name }), ids, cancellationToken);
        return rows.Select(r => new FeedEntry(
            r.Id, r.Slug, r.Title, Excerpts.From(r.Summary ?? r.BodyMarkdown, ExcerptLength),
            renderer.StoredOrRendered(r.BodyHtml, r.BodyHtmlVersion, r.BodyMarkdown),
            new PartialDate(r.Year, r.Month, r.Day), r.CreatedAt, r.UpdatedAt,
            authors[r.Id].ToList(), categories[r.Id].ToList(), tags[r.Id].ToList())
        {
            Image = r.FeatureImageId is { } imageId ? images.GetValueOrDefault(imageId) : null,
        }).ToList();
    }

    /// <summary>The categories or tags of the given stories, by story, in name order; <paramref name="linkTable"/> is the many-to-many join table.</summary>
    private static async Task<ILookup<int, FeedTerm>> TermsByStoryAsync(
        StoriesDbContext db, string linkTable, string termKey, IQueryable<TermRow> terms, List<int> storyIds, CancellationToken cancellationToken) =>
        (await (
                from link in db.Set<Dictionary<string, object>>(linkTable)
                join term in terms on EF.Property<int>(link, termKey) equals term.Id
                where storyIds.Contains(EF.Property<int>(link, "StoriesId"))
                select new { StoryId = EF.Property<int>(link, "StoriesId"), term.Slug, term.Name }).ToListAsync(cancellationToken))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToLookup(t => t.StoryId, t => new FeedTerm(t.Slug, t.Name));

    /// <summary>A category or tag as the query reads it (settable properties, so EF Core can join on <see cref="Id"/>).</summary>
    private sealed class TermRow
    {
        public int Id { get; init; }

        public required string Slug { get; init; }

        public required string Name { get; init; }
    }

    private sealed record FeedRow(
        int Id, string Slug, string Title, string? Summary, string BodyMarkdown, string? BodyHtml, int BodyHtmlVersion,
        int? Year, int? Month, int? Day, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int? FeatureImageId);
}
