namespace SocialCareStories.Web.Features.Stories;

/// <summary>An earlier version of a story, kept on every save.</summary>
public sealed class Revision
{
    public int Id { get; set; }
    public int StoryId { get; set; }
    public Story Story { get; set; } = null!;
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public string BodyMarkdown { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    public string SavedBy { get; set; } = "";
    public string? Note { get; set; }
}
