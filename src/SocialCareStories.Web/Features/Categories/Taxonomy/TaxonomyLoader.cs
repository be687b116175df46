using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Tags;

namespace SocialCareStories.Web.Features.Categories.Taxonomy;

/// <summary>
/// Puts seeds/taxonomy.json into the store once, and reads the store's taxonomy back for the classifier. After the
/// first load the store is the taxonomy: Admins edit it there, and the file is never applied over their changes.
/// </summary>
public sealed class TaxonomyLoader(IDbContextFactory<StoriesDbContext> contextFactory, IConfiguration configuration, ILogger<TaxonomyLoader> logger)
{
    /// <summary>The shipped seeds folder's taxonomy, unless <c>Import:SeedsFolder</c> names another folder.</summary>
    public TaxonomyFile ShippedFile() => TaxonomyFile.Read(SeedsFolder) ?? new TaxonomyFile();

    private string SeedsFolder => configuration["Import:SeedsFolder"] is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "seeds");

    /// <summary>
    /// Loads the file's sectors and themes when the store has never had a taxonomy (no category with a description
    /// or terms), and turns categories named after a collection into that collection: their stories are tagged with
    /// it, and a theme's address leads to its sector. Returns whether it loaded the taxonomy.
    /// </summary>
    public async Task<bool> EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = ShippedFile();
        if (file.Sectors.Count == 0 || await db.Categories.AnyAsync(c => c.Description != null || c.Terms != null, cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.Categories.Include(c => c.Stories).ToListAsync(cancellationToken);
        foreach (var sector in file.Sectors)
        {
            var sectorRow = Upsert(db, existing, null, sector.Name, sector.Description, sector.Terms);
            foreach (var theme in sector.Themes)
            {
                Upsert(db, existing, sectorRow, theme.Name, theme.Description, theme.Terms);
            }
        }

        var taxonomy = Taxonomy.From(file);
        foreach (var category in existing.Where(c => taxonomy.CollectionOf(c.Name) is not null).ToList())
        {
            var collection = await CollectionTagAsync(db, taxonomy.CollectionOf(category.Name)!, cancellationToken);
            foreach (var story in category.Stories)
            {
                await db.Entry(story).Collection(s => s.Tags).LoadAsync(cancellationToken);
                if (!story.Tags.Contains(collection))
                {
                    story.Tags.Add(collection);
                }
            }

            if (category.Parent is { } parent)
            {
                db.CategoryFormerSlugs.Add(new CategoryFormerSlug { Slug = category.Slug, CategoryId = parent.Id });
            }

            category.Stories.Clear();
            db.Categories.Remove(category);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Loaded the taxonomy: {Sectors} sectors and {Themes} themes", file.Sectors.Count, file.Sectors.Sum(s => s.Themes.Count));
        return true;
    }

    /// <summary>The store's sectors and themes (retired ones left out) with the shipped file's collections.</summary>
    public async Task<Taxonomy> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Categories.AsNoTracking().Where(c => !c.IsRetired)
            .Select(c => new { c.Id, c.Name, c.ParentId, c.Terms }).ToListAsync(cancellationToken);
        var childrenOf = rows.ToLookup(r => r.ParentId);
        var sectors = childrenOf[null].OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new TaxonomyNode(
            s.Id, s.Name, null, CategoryTerms.Split(s.Terms),
            childrenOf[s.Id].OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => new TaxonomyNode(t.Id, t.Name, s.Name, CategoryTerms.Split(t.Terms), [])).ToList())).ToList();
        return new Taxonomy(sectors, ShippedFile().Collections);
    }

    /// <summary>The tag that stands for a collection, marked as one.</summary>
    public static async Task<Tag> CollectionTagAsync(StoriesDbContext db, string name, CancellationToken cancellationToken)
    {
        var slug = Slugs.From(name);
        var tag = db.Tags.Local.FirstOrDefault(t => t.Slug == slug)
            ?? await db.Tags.SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken)
            ?? db.Tags.Add(new Tag { Name = name, Slug = slug }).Entity;
        tag.IsCollection = true;
        return tag;
    }

    private static Category Upsert(StoriesDbContext db, List<Category> existing, Category? parent, string name, string? description, IReadOnlyList<string> terms)
    {
        var category = existing.FirstOrDefault(c => ReferenceEquals(c.Parent, parent) && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (category is null)
        {
            category = new Category { Name = name, Slug = Slugs.From(parent is null ? name : $"{parent.Slug} {name}"), Parent = parent };
            db.Categories.Add(category);
            existing.Add(category);
        }

        category.Description = description;
        category.Terms = CategoryTerms.Join(terms);
        return category;
    }
}
