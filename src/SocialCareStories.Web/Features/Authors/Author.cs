using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Authors;

public sealed class Author
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Role { get; set; }
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? SocialHandle { get; set; }
    public List<StoryAuthor> Stories { get; set; } = [];
}

/// <summary>Joins a story to its authors, keeping their byline order.</summary>
public sealed class StoryAuthor
{
    public int StoryId { get; set; }
    public Story Story { get; set; } = null!;
    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;
    public int Position { get; set; }
}
