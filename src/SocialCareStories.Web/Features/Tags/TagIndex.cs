using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Tags;

/// <summary>
/// The tags readers may see: only those on at least one published story, since a tag known only from a draft
/// would tell readers something about the draft.
/// </summary>
public sealed class TagIndex(IDbContextFactory<StoriesDbContext> contextFactory)
{
    /// <summary>A page of /tags: every tag with a published story, A to Z, with how many it has.</summary>
    /// <remarks>
    /// Counted by grouping the StoryTags links of published stories, then joined to the tags: one pass over the
    /// links rather than a count per tag.
    /// </remarks>
    public async Task<StoryPage<IndexEntry>> PageAsync(int page, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts =
            from link in db.Set<Dictionary<string, object>>("StoryTags")
            join story in db.Stories on EF.Property<int>(link, "StoriesId") equals story.Id
            where story.Status == StoryVisibility.PublicStatus
            group link by EF.Property<int>(link, "TagsId") into stories
            select new { TagId = stories.Key, Count = stories.Count() };
        var entries =
            from tag in db.Tags.AsNoTracking()
            join count in counts on tag.Id equals count.TagId
            select new IndexEntry { Name = tag.Name, Slug = tag.Slug, StoryCount = count.Count };
        return await IndexEntries.PageAsync(entries, page, cancellationToken);
    }

    /// <summary>The tag's name, or null when no published story carries it (its page is then not found).</summary>
    public async Task<string?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tags.AsNoTracking()
            .Where(t => t.Slug == slug && t.Stories.Any(s => s.Status == StoryVisibility.PublicStatus))
            .Select(t => t.Name)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
