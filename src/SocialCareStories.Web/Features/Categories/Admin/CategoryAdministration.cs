using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Shared;

namespace SocialCareStories.Web.Features.Categories.Admin;

/// <summary>A change to the taxonomy that was refused; the message is written for the admin who tried it and names the field.</summary>
public class CategoryRuleException(string message) : Exception(message);

/// <summary>The category was merged or deleted by someone else since the admin loaded the page.</summary>
public sealed class CategoryGoneException() : CategoryRuleException(Gone)
{
    public const string Gone = "That category no longer exists (someone merged or deleted it). Reload the page to see the latest.";
}

/// <summary>
/// A sector or theme as Admins see it: <see cref="StoryCount"/> counts the stories filed directly under it, published or
/// not (a sector's count leaves out its themes' stories, since a merge moves only those).
/// </summary>
public sealed record AdminCategory(
    int Id, string Name, string Slug, int? ParentId, string? Description, IReadOnlyList<string> Terms, bool IsRetired, int StoryCount,
    IReadOnlyList<AdminCategory> Themes)
{
    public bool IsSector => ParentId is null;
}

/// <summary>
/// Everything Admins change in the taxonomy. Each operation is one transaction with its audit entry, and evicts every
/// cached public page afterwards (the taxonomy changes rarely, and categories show on most pages). Slugs are never
/// changed once given, so a rename or a move never breaks an address; a merge keeps the merged category's addresses as
/// former slugs of the category that took its stories.
/// </summary>
public sealed class CategoryAdministration(IDbContextFactory<StoriesDbContext> contextFactory, AuditLog audit, ContentCache cache)
{
    public async Task<IReadOnlyList<AdminCategory>> TreeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Categories.AsNoTracking()
            .Select(c => new { c.Id, c.Name, c.Slug, c.ParentId, c.Description, c.Terms, c.IsRetired })
            .ToListAsync(cancellationToken);
        var counts = await db.Set<Dictionary<string, object>>("StoryCategories")
            .GroupBy(l => EF.Property<int>(l, "CategoriesId"))
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var childrenOf = rows.ToLookup(r => r.ParentId);

        List<AdminCategory> Level(int? parentId) => childrenOf[parentId]
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new AdminCategory(r.Id, r.Name, r.Slug, r.ParentId, r.Description, CategoryTerms.Split(r.Terms), r.IsRetired,
                counts.GetValueOrDefault(r.Id), Level(r.Id)))
            .ToList();

        return Level(null);
    }

    /// <summary>Adds a sector (no <paramref name="sectorId"/>) or a theme under a sector, and returns its id.</summary>
    public async Task<int> AddAsync(string name, int? sectorId, string? description, IEnumerable<string>? terms, Actor actor, CancellationToken cancellationToken = default)
    {
        var trimmed = ValidName(name);
        var describedAs = ValidDescription(description);
        var joinedTerms = ValidTerms(terms ?? []);
        return await WriteAsync(async db =>
        {
            Category? sector = null;
            if (sectorId is { } id)
            {
                sector = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                    ?? throw new CategoryRuleException("Sector: that sector no longer exists (someone merged or deleted it). Reload the page.");
                if (sector.ParentId is not null)
                {
                    throw new CategoryRuleException($"Sector: \u201c{sector.Name}\u201d is a theme, and a theme cannot have themes of its own. Pick a sector.");
                }
            }

            await CheckNameFreeAsync(db, trimmed, sector, except: null, cancellationToken);
            var category = new Category
            {
                Name = trimmed,
                Slug = await FreeSlugAsync(db, Slugs.From(sector is null ? trimmed : $"{sector.Slug} {trimmed}"), cancellationToken),
                ParentId = sector?.Id,
                Description = describedAs,
                Terms = joinedTerms,
            };
            db.Categories.Add(category);
            // The audit entry names the new id, which only the insert gives: two saves in the one transaction.
            await db.SaveChangesAsync(cancellationToken);
            audit.Record(db, actor, "category.added", nameof(Category), category.Id,
                sector is null ? $"Sector \u201c{trimmed}\u201d ({category.Slug})" : $"Theme \u201c{trimmed}\u201d under {sector.Name} ({category.Slug})");
            return category.Id;
        }, cancellationToken);
    }

    /// <summary>Renames a category; its slug, and so its address, stays as it was.</summary>
    public Task RenameAsync(int categoryId, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        var trimmed = ValidName(name);
        return ChangeAsync(categoryId, actor, "category.renamed", async (db, category) =>
            await RenameAsync(db, category, trimmed, cancellationToken) ?? $"{category.Name}: nothing changed", cancellationToken);
    }

    public Task DescribeAsync(int categoryId, string? description, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(categoryId, actor, "category.described", (_, category) =>
        {
            category.Description = ValidDescription(description);
            return Task.FromResult($"{category.Name}: {category.Description ?? "(no description)"}");
        }, cancellationToken);

    /// <summary>Replaces the category's synonyms and acronyms.</summary>
    public Task SetTermsAsync(int categoryId, IEnumerable<string> terms, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(categoryId, actor, "category.terms-changed", (_, category) =>
        {
            category.Terms = ValidTerms(terms);
            return Task.FromResult($"{category.Name}: {category.Terms ?? "(no terms)"}");
        }, cancellationToken);

    /// <summary>
    /// The edit panel's save: name, and (when given) description and terms, in one change. A null
    /// <paramref name="description"/> or <paramref name="terms"/> leaves that part as it was.
    /// </summary>
    public Task EditAsync(int categoryId, string name, string? description, IEnumerable<string>? terms, Actor actor, CancellationToken cancellationToken = default)
    {
        var trimmed = ValidName(name);
        var describedAs = description is null ? null : ValidDescription(description);
        var joinedTerms = terms is null ? null : ValidTerms(terms);
        return ChangeAsync(categoryId, actor, "category.edited", async (db, category) =>
        {
            var changes = new List<string>();
            if (await RenameAsync(db, category, trimmed, cancellationToken) is { } renamed)
            {
                changes.Add(renamed);
            }

            if (description is not null && describedAs != category.Description)
            {
                category.Description = describedAs;
                changes.Add("description changed");
            }

            if (terms is not null && joinedTerms != category.Terms)
            {
                category.Terms = joinedTerms;
                changes.Add($"terms now {joinedTerms ?? "none"}");
            }

            return $"{category.Name}: {(changes.Count == 0 ? "nothing changed" : string.Join("; ", changes))}";
        }, cancellationToken);
    }

    /// <summary>
    /// Moves a theme under another sector (<paramref name="sectorId"/>), or makes it a sector (null); a sector without
    /// themes may become a theme. The slug stays, so the address does not change.
    /// </summary>
    public Task MoveAsync(int categoryId, int? sectorId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(categoryId, actor, "category.moved", async (db, category) =>
        {
            if (category.ParentId == sectorId)
            {
                throw new CategoryRuleException(sectorId is null
                    ? $"Sector: \u201c{category.Name}\u201d is already a sector."
                    : $"Sector: \u201c{category.Name}\u201d is already under {category.Parent!.Name}.");
            }

            Category? sector = null;
            if (sectorId is { } id)
            {
                if (id == category.Id)
                {
                    throw new CategoryRuleException($"Sector: \u201c{category.Name}\u201d cannot be moved under itself.");
                }

                sector = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                    ?? throw new CategoryRuleException("Sector: that sector no longer exists (someone merged or deleted it). Reload the page.");
                if (sector.ParentId is not null)
                {
                    throw new CategoryRuleException($"Sector: \u201c{sector.Name}\u201d is a theme; a theme can only go under a sector.");
                }

                if (await db.Categories.AnyAsync(c => c.ParentId == category.Id, cancellationToken))
                {
                    throw new CategoryRuleException(
                        $"Sector: \u201c{category.Name}\u201d has themes, and a theme cannot have themes of its own. Move its themes first, or merge it into \u201c{sector.Name}\u201d.");
                }
            }

            await CheckNameFreeAsync(db, category.Name, sector, except: category, cancellationToken);
            var from = category.Parent?.Name;
            category.ParentId = sector?.Id;
            category.Parent = sector;
            return $"{category.Name}: from {(from is null ? "the sectors" : from)} to {(sector is null ? "the sectors" : sector.Name)}";
        }, cancellationToken);

    public Task RetireAsync(int categoryId, Actor actor, CancellationToken cancellationToken = default) => SetRetiredAsync(categoryId, true, actor, cancellationToken);

    public Task RestoreAsync(int categoryId, Actor actor, CancellationToken cancellationToken = default) => SetRetiredAsync(categoryId, false, actor, cancellationToken);

    private Task SetRetiredAsync(int categoryId, bool retired, Actor actor, CancellationToken cancellationToken) =>
        ChangeAsync(categoryId, actor, retired ? "category.retired" : "category.restored", (_, category) =>
        {
            if (category.IsRetired == retired)
            {
                throw new CategoryRuleException($"\u201c{category.Name}\u201d is already {(retired ? "retired" : "in use")}.");
            }

            category.IsRetired = retired;
            return Task.FromResult(category.Name);
        }, cancellationToken);

    /// <summary>
    /// Merges one category into another: its stories are filed under the other instead (once each), its suggestions
    /// move where the other has none for that story, a sector's themes move under the other sector, and its address and
    /// former addresses lead to the other from now on. The merged category is deleted. Returns how many stories moved.
    /// </summary>
    public async Task<int> MergeAsync(int fromId, int intoId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (fromId == intoId)
        {
            throw new CategoryRuleException("Merge into: a category cannot be merged into itself. Pick another.");
        }

        return await WriteAsync(async db =>
        {
            var from = await db.Categories.Include(c => c.Children).SingleOrDefaultAsync(c => c.Id == fromId, cancellationToken)
                ?? throw new CategoryGoneException();
            var into = await db.Categories.Include(c => c.Children).SingleOrDefaultAsync(c => c.Id == intoId, cancellationToken)
                ?? throw new CategoryRuleException("Merge into: that category no longer exists (someone merged or deleted it). Reload the page.");
            if (into.ParentId == from.Id)
            {
                throw new CategoryRuleException($"Merge into: \u201c{into.Name}\u201d is a theme of \u201c{from.Name}\u201d; a category cannot be merged into its own theme.");
            }

            if (into.IsRetired)
            {
                throw new CategoryRuleException($"Merge into: \u201c{into.Name}\u201d is retired. Restore it first, or pick another.");
            }

            if (from.Children.Count > 0)
            {
                if (from.ParentId is not null || into.ParentId is not null)
                {
                    throw new CategoryRuleException($"Merge into: \u201c{from.Name}\u201d has themes, so it can only be merged into another sector.");
                }

                var clash = from.Children.Select(c => c.Name).Intersect(into.Children.Select(c => c.Name), StringComparer.OrdinalIgnoreCase).FirstOrDefault();
                if (clash is not null)
                {
                    throw new CategoryRuleException(
                        $"Merge into: both \u201c{from.Name}\u201d and \u201c{into.Name}\u201d have a theme called \u201c{clash}\u201d. Merge those two themes first.");
                }

                foreach (var theme in from.Children.ToList())
                {
                    theme.ParentId = into.Id;
                    theme.Parent = into;
                }
            }

            var links = db.Set<Dictionary<string, object>>("StoryCategories");
            var fromLinks = await links.Where(l => EF.Property<int>(l, "CategoriesId") == from.Id).ToListAsync(cancellationToken);
            var intoStories = (await links.Where(l => EF.Property<int>(l, "CategoriesId") == into.Id)
                .Select(l => EF.Property<int>(l, "StoriesId")).ToListAsync(cancellationToken)).ToHashSet();
            var moved = 0;
            foreach (var link in fromLinks)
            {
                var storyId = (int)link["StoriesId"];
                links.Remove(link);
                if (intoStories.Add(storyId))
                {
                    links.Add(new Dictionary<string, object> { ["StoriesId"] = storyId, ["CategoriesId"] = into.Id });
                    moved++;
                }
            }

            var suggestionStories = (await db.CategorySuggestions.Where(s => s.CategoryId == into.Id).Select(s => s.StoryId).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var suggestion in await db.CategorySuggestions.Where(s => s.CategoryId == from.Id).ToListAsync(cancellationToken))
            {
                if (suggestionStories.Add(suggestion.StoryId))
                {
                    suggestion.CategoryId = into.Id;
                }
                else
                {
                    db.CategorySuggestions.Remove(suggestion);
                }
            }

            foreach (var former in await db.CategoryFormerSlugs.Where(f => f.CategoryId == from.Id).ToListAsync(cancellationToken))
            {
                former.CategoryId = into.Id;
            }

            db.CategoryFormerSlugs.Add(new CategoryFormerSlug { Slug = from.Slug, CategoryId = into.Id });
            // The links and suggestions must leave the category before it goes: the join table would otherwise cascade.
            await db.SaveChangesAsync(cancellationToken);
            db.Categories.Remove(from);
            audit.Record(db, actor, "category.merged", nameof(Category), from.Id,
                $"\u201c{from.Name}\u201d ({from.Slug}) merged into \u201c{into.Name}\u201d ({into.Slug}): {fromLinks.Count} stories, {moved} newly filed there");
            return fromLinks.Count;
        }, cancellationToken);
    }

    /// <summary>Renames the category unless the name is the same; returns what changed, for the audit entry.</summary>
    private static async Task<string?> RenameAsync(StoriesDbContext db, Category category, string name, CancellationToken cancellationToken)
    {
        if (name == category.Name)
        {
            return null;
        }

        await CheckNameFreeAsync(db, name, category.Parent, except: category, cancellationToken);
        var summary = $"renamed \u201c{category.Name}\u201d to \u201c{name}\u201d";
        category.Name = name;
        return summary;
    }

    private async Task ChangeAsync(int categoryId, Actor actor, string action, Func<StoriesDbContext, Category, Task<string>> change, CancellationToken cancellationToken) =>
        await WriteAsync(async db =>
        {
            var category = await db.Categories.Include(c => c.Parent).SingleOrDefaultAsync(c => c.Id == categoryId, cancellationToken)
                ?? throw new CategoryGoneException();
            var summary = await change(db, category);
            audit.Record(db, actor, action, nameof(Category), category.Id, summary);
            return 0;
        }, cancellationToken);

    /// <summary>
    /// Runs a change in one transaction and saves it; anything refused or failed rolls back whole. A row someone else
    /// deleted meanwhile, or a name or slug someone else took a moment ago, becomes a message rather than a crash.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<StoriesDbContext, Task<T>> change, CancellationToken cancellationToken)
    {
        T result;
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            result = await change(db);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CategoryGoneException();
        }
        catch (DbUpdateException exception) when (StoreErrors.IsForeignKeyViolation(exception))
        {
            // The other category of a merge or move (the target, the sector) went between reading and saving.
            throw new CategoryRuleException("One of the categories this change needs no longer exists (someone merged or deleted it). Reload the page.");
        }
        catch (DbUpdateException exception) when (StoreErrors.IsUniqueViolation(exception))
        {
            throw new CategoryRuleException("Someone else changed the categories at the same moment (the same name or address is now taken). Reload the page and try again.");
        }

        await cache.InvalidateAsync(cancellationToken);
        return result;
    }

    private static async Task CheckNameFreeAsync(StoriesDbContext db, string name, Category? parent, Category? except, CancellationToken cancellationToken)
    {
        var parentId = parent?.Id;
        var exceptId = except?.Id;
        var siblings = await db.Categories.Where(c => c.ParentId == parentId && c.Id != exceptId).Select(c => c.Name).ToListAsync(cancellationToken);
        if (siblings.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            throw new CategoryRuleException(parent is null
                ? $"Name: there is already a sector called \u201c{clash}\u201d."
                : $"Name: {parent.Name} already has a theme called \u201c{clash}\u201d.");
        }
    }

    /// <summary>The slug, or with -2, -3 … when a category has it or had it (a former slug still leads somewhere).</summary>
    private static async Task<string> FreeSlugAsync(StoriesDbContext db, string slug, CancellationToken cancellationToken)
    {
        var prefix = slug + "-";
        var taken = (await db.Categories.Where(c => c.Slug == slug || c.Slug.StartsWith(prefix)).Select(c => c.Slug)
                .Concat(db.CategoryFormerSlugs.Where(f => f.Slug == slug || f.Slug.StartsWith(prefix)).Select(f => f.Slug))
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    private static string ValidName(string? name)
    {
        var trimmed = Checked(name, "Name", Category.NameLength) ?? throw new CategoryRuleException("Name: a category needs a name.");
        if (trimmed.Contains(CategoryPath.Separator, StringComparison.Ordinal))
        {
            // Paths such as "Mental Health > Dementia" are how imports and the classifier name categories.
            throw new CategoryRuleException($"Name: \u201c{CategoryPath.Separator}\u201d separates a sector from its theme, so a name cannot contain it.");
        }

        return trimmed;
    }

    private static string? ValidDescription(string? description) => Checked(description, "Description", Category.DescriptionLength);

    private static string? ValidTerms(IEnumerable<string> terms)
    {
        var list = terms.Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).ToList();
        if (list.FirstOrDefault(t => t.Contains(CategoryTerms.Separator, StringComparison.Ordinal)) is { } bad)
        {
            throw new CategoryRuleException($"Terms: \u201c{bad}\u201d holds a semicolon, which separates terms; give it as separate terms.");
        }

        if (NulCharacters.InAny(list))
        {
            throw new CategoryRuleException(NulCharacters.Message("Terms"));
        }

        var joined = CategoryTerms.Join(list);
        return joined is { Length: > Category.TermsLength }
            ? throw new CategoryRuleException($"Terms: {joined.Length} characters in all, at most {Category.TermsLength}. Drop some.")
            : joined;
    }

    private static string? Checked(string? text, string field, int maxLength)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (NulCharacters.In(trimmed))
        {
            throw new CategoryRuleException(NulCharacters.Message(field));
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw new CategoryRuleException($"{field}: {trimmed.Length} characters, at most {maxLength}.");
    }
}
