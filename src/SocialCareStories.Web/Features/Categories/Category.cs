using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Categories;

/// <summary>A sector (Acute, Social Care, …) or a theme beneath one (Mental Health › Dementia).</summary>
public sealed class Category
{
    public const int NameLength = 200;
    public const int DescriptionLength = 1000;
    public const int TermsLength = 2000;

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Unique across the tree: a child's slug starts with its parent's. Kept when the category is renamed.</summary>
    public required string Slug { get; set; }
    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public List<Category> Children { get; set; } = [];
    public List<Story> Stories { get; set; } = [];

    /// <summary>What the category covers, in a sentence or two for readers.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// Other words people use for it, synonyms and acronyms ("memory clinic; Alzheimer's"), separated by semicolons:
    /// what the classifier looks for besides the name. See <see cref="CategoryTerms"/>.
    /// </summary>
    public string? Terms { get; set; }

    /// <summary>No longer offered to editors or shown to readers; its stories keep it until they are filed again.</summary>
    public bool IsRetired { get; set; }

    /// <summary>The path as the seeds write it: "Mental Health > Dementia".</summary>
    public string Path => Parent is null ? Name : $"{Parent.Path} {CategoryPath.Separator} {Name}";
}

/// <summary>An address a category had before it was merged into another: it leads to the one that took its stories.</summary>
public sealed class CategoryFormerSlug
{
    public required string Slug { get; set; }
    public int CategoryId { get; set; }
}

/// <summary>Reads and writes a category's <see cref="Category.Terms"/>.</summary>
public static class CategoryTerms
{
    public const char Separator = ';';

    public static IReadOnlyList<string> Split(string? terms) =>
        string.IsNullOrWhiteSpace(terms) ? [] : terms.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? Join(IEnumerable<string> terms)
    {
        var joined = string.Join($"{Separator} ", terms.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));
        return joined.Length == 0 ? null : joined;
    }
}
