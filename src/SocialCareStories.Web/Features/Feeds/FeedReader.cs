using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Feeds;

/// <summary>A category or tag as a feed entry files it.</summary>
public sealed record FeedTerm(string Slug, string Name);

/// <summary>A published story as a feed carries it.</summary>
public sealed record FeedEntry(
    int Id,
    string Slug,
    string Title,
    string Excerpt,
    string BodyMarkdown,
    PartialDate PublishedOn,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AuthorLink> Authors,
    IReadOnlyList<FeedTerm> Categories,
    IReadOnlyList<FeedTerm> Tags);

/// <summary>The newest published stories for a feed, with the same filters and order as the reading pages.</summary>
public sealed class FeedReader(IDbContextFactory<StoriesDbContext> contextFactory)
{
    public const int EntryCount = 50;
    private const int ExcerptLength = 280;

    public async Task<IReadOnlyList<FeedEntry>> NewestAsync(StoryFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stories = await StoryCatalogue.FilterAsync(db, db.Stories.AsNoTracking().Where(s => s.Status == StoryStatus.Published), filter, cancellationToken);
        var rows = await stories.NewestFirst().Take(EntryCount)
            .Select(s => new FeedRow(
                s.Id,
                s.Slug,
                s.Title,
                s.Summary,
                s.BodyMarkdown,
                s.PublishedOn,
                s.CreatedAt,
                s.UpdatedAt,
                s.Authors.OrderBy(a => a.Position).Select(a => new AuthorLink(a.Author.Name, a.Author.Slug)).ToList(),
                s.Categories.OrderBy(c => c.Name).Select(c => new FeedTerm(c.Slug, c.Name)).ToList(),
                s.Tags.OrderBy(t => t.Name).Select(t => new FeedTerm(t.Slug, t.Name)).ToList()))
            // Three collections per story: separate queries avoid multiplying every body by authors × categories × tags.
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FeedEntry(
            r.Id, r.Slug, r.Title, Excerpts.From(r.Summary ?? r.BodyMarkdown, ExcerptLength), r.BodyMarkdown,
            r.PublishedOn, r.CreatedAt, r.UpdatedAt, r.Authors, r.Categories, r.Tags)).ToList();
    }

    private sealed record FeedRow(
        int Id, string Slug, string Title, string? Summary, string BodyMarkdown, PartialDate PublishedOn, DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt, List<AuthorLink> Authors, List<FeedTerm> Categories, List<FeedTerm> Tags);
}
