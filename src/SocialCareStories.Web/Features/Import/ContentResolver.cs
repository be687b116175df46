using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Tags;

namespace SocialCareStories.Web.Features.Import;

/// <summary>
/// Finds or creates the categories, tags, authors and organisations that imported content names,
/// within one DbContext, so two stories (or award entries) naming the same tag or organisation in one transaction
/// share one row. The import, the curation and awards administration use it.
/// </summary>
public sealed class ContentResolver(StoriesDbContext db)
{
    private readonly Dictionary<string, Category> _categories = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Tag> _tags = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Author> _authors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Organisation> _organisations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The category at a path such as "Social Care > Fabulous Stuff", creating each missing level.</summary>
    public async Task<Category> CategoryAsync(string path, CancellationToken cancellationToken)
    {
        Category? parent = null;
        foreach (var name in CategoryPath.Split(path))
        {
            // By name under its parent, not by slug: an Admin may have renamed it, and its slug stays what it was.
            var key = parent is null ? name : $"{parent.Slug}>{name}";
            if (!_categories.TryGetValue(key, out var category))
            {
                var parentId = parent?.Id;
                category = parent is { Id: 0 }
                    ? null
                    : await db.Categories.FirstOrDefaultAsync(c => c.ParentId == parentId && c.Name == name, cancellationToken);
                category ??= db.Categories.Add(new Category { Name = name, Slug = Slugs.From(parent is null ? name : $"{parent.Slug} {name}"), Parent = parent }).Entity;
                _categories[key] = category;
            }

            parent = category;
        }

        return parent ?? throw new ArgumentException($"The category path \"{path}\" names no category.", nameof(path));
    }

    public Task<Tag> TagAsync(string name, CancellationToken cancellationToken) =>
        FindOrAddAsync(_tags, db.Tags, Slugs.From(name), slug => new Tag { Name = name.Trim(), Slug = slug }, cancellationToken);

    public Task<Organisation> OrganisationAsync(string name, CancellationToken cancellationToken) =>
        FindOrAddAsync(_organisations, db.Organisations, Slugs.From(name), slug => new Organisation { Name = name.Trim(), Slug = slug }, cancellationToken);

    /// <summary>The author of that name; details the import knows fill gaps but never replace what an editor entered.</summary>
    public async Task<Author> AuthorAsync(ImportedAuthor imported, CancellationToken cancellationToken)
    {
        var slug = Slugs.From(imported.Name);
        if (!_authors.TryGetValue(slug, out var author))
        {
            author = await db.Authors.Include(a => a.Organisation).SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken)
                ?? db.Authors.Add(new Author { Name = imported.Name.Trim(), Slug = slug }).Entity;
            _authors[slug] = author;
        }

        author.Role ??= imported.Role;
        author.SocialHandle ??= imported.SocialHandle;
        if (author.Organisation is null && author.OrganisationId is null && imported.Organisation is { Length: > 0 } organisation)
        {
            author.Organisation = await OrganisationAsync(organisation, cancellationToken);
        }

        return author;
    }

    private static async Task<T> FindOrAddAsync<T>(Dictionary<string, T> seen, DbSet<T> set, string slug, Func<string, T> create, CancellationToken cancellationToken)
        where T : class
    {
        if (!seen.TryGetValue(slug, out var entity))
        {
            entity = await set.SingleOrDefaultAsync(e => EF.Property<string>(e, "Slug") == slug, cancellationToken)
                ?? set.Add(create(slug)).Entity;
            seen[slug] = entity;
        }

        return entity;
    }
}
