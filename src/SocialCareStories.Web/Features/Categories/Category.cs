using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Categories;

/// <summary>A sector (Acute, Social Care, …) or a theme beneath one (Social Care › Fabulous Stuff).</summary>
public sealed class Category
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Unique across the tree: a child's slug starts with its parent's.</summary>
    public required string Slug { get; set; }
    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public List<Category> Children { get; set; } = [];
    public List<Story> Stories { get; set; } = [];

    /// <summary>The path as the seeds write it: "Social Care > Fabulous Stuff".</summary>
    public string Path => Parent is null ? Name : $"{Parent.Path} {CategoryPath.Separator} {Name}";
}
