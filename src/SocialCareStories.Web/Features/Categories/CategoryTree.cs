using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Categories;

/// <summary>A category with how many published stories it holds, its own and its children's.</summary>
public sealed record CategoryNode(int Id, string Name, string Slug, int StoryCount, IReadOnlyList<CategoryNode> Children);

/// <summary>A category as stored, without its children.</summary>
internal sealed record CategoryRow(int Id, string Name, string Slug, int? ParentId);

/// <summary>A category and the path down to it, for breadcrumbs: Social Care › Fabulous Stuff.</summary>
public sealed record CategoryTrail(int Id, string Name, string Slug, IReadOnlyList<(string Name, string Slug)> Ancestors)
{
    public string Path => string.Join(" › ", Ancestors.Select(a => a.Name).Append(Name));
}

/// <summary>
/// The category tree. Categories are few (sectors and their themes), so the tree is read whole and
/// walked in memory; story counts come from one grouped query.
/// </summary>
public sealed class CategoryTree(IDbContextFactory<StoriesDbContext> contextFactory)
{
    /// <summary>The tree with published-story counts: one grouped query over every story's categories, so for pages that are cached.</summary>
    public Task<IReadOnlyList<CategoryNode>> WithCountsAsync(CancellationToken cancellationToken = default) => BuildAsync(withCounts: true, cancellationToken);

    /// <summary>The tree alone (counts zero), cheap at any size: for filter menus.</summary>
    public Task<IReadOnlyList<CategoryNode>> WithoutCountsAsync(CancellationToken cancellationToken = default) => BuildAsync(withCounts: false, cancellationToken);

    private async Task<IReadOnlyList<CategoryNode>> BuildAsync(bool withCounts, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().Where(c => !c.IsRetired).Select(c => new CategoryRow(c.Id, c.Name, c.Slug, c.ParentId)).ToListAsync(cancellationToken);
        var counts = withCounts ? await CountsAsync(db, cancellationToken) : [];
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
            childrenOf[category.Id].OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(Node).ToList());

        return childrenOf[null].OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(Node).ToList();
    }

    // One grouped query: each story counts once under its categories and once under each of their ancestors
    // (the tree is sectors and themes; three levels are covered). The links are read from their own index and
    // the few stories not published are left out by id, rather than looking up every linked story's status
    // (three times 200,000 lookups at 100,000 stories).
    private static async Task<Dictionary<int, int>> CountsAsync(StoriesDbContext db, CancellationToken cancellationToken)
    {
        var notPublished = db.Stories.Where(s => s.Status != StoryStatus.Published).Select(s => s.Id);
        var links =
            from link in db.Set<Dictionary<string, object>>("StoryCategories")
            join category in db.Categories on EF.Property<int>(link, "CategoriesId") equals category.Id
            where !notPublished.Contains(EF.Property<int>(link, "StoriesId"))
            select new { StoryId = EF.Property<int>(link, "StoriesId"), category.Id, category.ParentId, GrandparentId = category.Parent != null ? category.Parent.ParentId : null };
        var underAncestors = links.Select(l => new { AncestorId = (int?)l.Id, l.StoryId })
            .Concat(links.Where(l => l.ParentId != null).Select(l => new { AncestorId = l.ParentId, l.StoryId }))
            .Concat(links.Where(l => l.GrandparentId != null).Select(l => new { AncestorId = l.GrandparentId, l.StoryId }));
        var counts = await underAncestors.GroupBy(l => l.AncestorId)
            .Select(g => new { Id = g.Key!.Value, Count = g.Select(l => l.StoryId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Id, c => c.Count);
    }

    public async Task<CategoryTrail?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Name, c.Slug, c.ParentId }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var category = all.Values.FirstOrDefault(c => c.Slug == slug);
        if (category is null)
        {
            return null;
        }

        var ancestors = new List<(string, string)>();
        for (var parent = category.ParentId; parent is { } id && all.TryGetValue(id, out var p); parent = p.ParentId)
        {
            ancestors.Insert(0, (p.Name, p.Slug));
        }

        return new CategoryTrail(category.Id, category.Name, category.Slug, ancestors);
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
