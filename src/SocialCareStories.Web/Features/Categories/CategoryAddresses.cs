using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Categories;

/// <summary>
/// Where an address that names no category leads now: the category that took a merged one's stories, or the
/// collection that an old category became (the seeds' "Fabulous Stuff"). Shared links and feed readers keep working.
/// </summary>
public sealed class CategoryAddresses(IDbContextFactory<StoriesDbContext> contextFactory)
{
    /// <summary>The path that replaced <c>/categories/{slug}</c> (without a query), or null when nothing did.</summary>
    public async Task<string?> ReplacementAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.CategoryFormerSlugs.Where(f => f.Slug == slug)
            .Join(db.Categories, f => f.CategoryId, c => c.Id, (_, c) => c.Slug)
            .FirstOrDefaultAsync(cancellationToken);
        if (current is not null)
        {
            return $"/categories/{Uri.EscapeDataString(current)}";
        }

        return await db.Tags.AnyAsync(t => t.Slug == slug && t.IsCollection, cancellationToken)
            ? $"/tags/{Uri.EscapeDataString(slug)}"
            : null;
    }
}
