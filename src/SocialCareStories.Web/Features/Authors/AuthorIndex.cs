using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Authors;

/// <summary>An author as their page introduces them.</summary>
public sealed record AuthorDetails(string Name, string? Role, string? SocialHandle, string? OrganisationName, string? OrganisationSlug);

/// <summary>
/// The authors readers may see: only those with at least one published story, since a name known only from a
/// draft would tell readers something about the draft.
/// </summary>
public sealed class AuthorIndex(IDbContextFactory<StoriesDbContext> contextFactory)
{
    /// <summary>A page of /authors: every author with a published story, A to Z, with how many they have.</summary>
    /// <remarks>Counted by grouping the StoryAuthors links of published stories, then joined to the authors.</remarks>
    public async Task<StoryPage<IndexEntry>> PageAsync(int page, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts =
            from link in db.StoryAuthors
            where link.Story.Status == StoryVisibility.PublicStatus
            group link by link.AuthorId into stories
            select new { AuthorId = stories.Key, Count = stories.Count() };
        var entries =
            from author in db.Authors.AsNoTracking()
            join count in counts on author.Id equals count.AuthorId
            select new IndexEntry { Name = author.Name, Slug = author.Slug, StoryCount = count.Count };
        return await IndexEntries.PageAsync(entries, page, cancellationToken);
    }

    /// <summary>The author, or null when they have no published story (their page is then not found).</summary>
    public async Task<AuthorDetails?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Authors.AsNoTracking()
            .Where(a => a.Slug == slug && a.Stories.Any(s => s.Story.Status == StoryVisibility.PublicStatus))
            .Select(a => new AuthorDetails(a.Name, a.Role, a.SocialHandle,
                a.Organisation != null ? a.Organisation.Name : null, a.Organisation != null ? a.Organisation.Slug : null))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
