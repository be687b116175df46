using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Categories;

/// <summary>A category with how many published stories it holds, its own and its children's.</summary>
public sealed record CategoryNode(int Id, string Name, string Slug, int StoryCount, IReadOnlyList<CategoryNode> Children, string? Description = null);

/// <summary>A category as stored, without its children.</summary>
internal sealed record CategoryRow(int Id, string Name, string Slug, int? ParentId, string? Description = null);

/// <summary>A category and the path down to it, for breadcrumbs: Social Care › Fabulous Stuff.</summary>
public sealed record CategoryTrail(int Id, string Name, string Slug, IReadOnlyList<(string Name, string Slug)> Ancestors, string? Description = null)
{
    public string Path => string.Join(" › ", Ancestors.Select(a => a.Name).Append(Name));
}

/// <summary>
/// The category tree. Categories are few (sectors and their themes), so the tree is read whole and
/// walked in memory; story counts come from the in-memory story facets.
/// </summary>
public sealed class CategoryTree(IDbContextFactory<StoriesDbContext> contextFactory, Stories.Browsing.StoryFacets facets)
{
    /// <summary>The tree with published-story counts, kept in memory with the story facets (see StoryFacets).</summary>
    public Task<IReadOnlyList<CategoryNode>> WithCountsAsync(CancellationToken cancellationToken = default) => BuildAsync(withCounts: true, cancellationToken);

    /// <summary>The tree alone (counts zero), cheap at any size: for filter menus.</summary>
    public Task<IReadOnlyList<CategoryNode>> WithoutCountsAsync(CancellationToken cancellationToken = default) => BuildAsync(withCounts: false, cancellationToken);

    private async Task<IReadOnlyList<CategoryNode>> BuildAsync(bool withCounts, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().Where(c => !c.IsRetired)
            .Select(c => new CategoryRow(c.Id, c.Name, c.Slug, c.ParentId, c.Description)).ToListAsync(cancellationToken);
        var counts = withCounts ? (await facets.SnapshotAsync(cancellationToken)).CategoryCounts : new Dictionary<int, int>();
        return Build(categories, counts);
    }

    /// <summary>The tree of the given categories, sectors first, each level by name.</summary>
    internal static IReadOnlyList<CategoryNode> Build(IReadOnlyList<CategoryRow> categories, IReadOnlyDictionary<int, int> counts)
    {
        var childrenOf = categories.ToLookup(c => c.ParentId);

        CategoryNode Node(CategoryRow category) => new(
            category.Id,
            category.Name,
            category.Slug,
            counts.GetValueOrDefault(category.Id),
            childrenOf[category.Id].OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(Node).ToList(),
            category.Description);

        return childrenOf[null].OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(Node).ToList();
    }

    public async Task<CategoryTrail?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Name, c.Slug, c.ParentId, c.Description, c.IsRetired }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var category = all.Values.FirstOrDefault(c => c.Slug == slug && !c.IsRetired);
        if (category is null)
        {
            return null;
        }

        var ancestors = new List<(string, string)>();
        for (var parent = category.ParentId; parent is { } id && all.TryGetValue(id, out var p); parent = p.ParentId)
        {
            ancestors.Insert(0, (p.Name, p.Slug));
        }

        return new CategoryTrail(category.Id, category.Name, category.Slug, ancestors, category.Description);
    }

    /// <summary>The ids of a category and everything beneath it, so a sector's page includes its themes' stories.</summary>
    public static async Task<IReadOnlyList<int>> SelfAndDescendantIdsAsync(StoriesDbContext db, string slug, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Slug, c.ParentId }).ToListAsync(cancellationToken);
        var childrenOf = all.ToLookup(c => c.ParentId);
        var ids = new List<int>();
        var pending = new Stack<int>(all.Where(c => c.Slug == slug).Select(c => c.Id));
        while (pending.TryPop(out var id))
        {
            ids.Add(id);
            foreach (var child in childrenOf[id])
            {
                pending.Push(child.Id);
            }
        }

        return ids;
    }
}
