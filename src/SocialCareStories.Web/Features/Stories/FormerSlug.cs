namespace SocialCareStories.Web.Features.Stories;

/// <summary>
/// An address a story had before an editor changed its slug. Links people shared, feeds and search engines keep
/// the old address, so it leads to the story's new one for as long as nothing else lives there.
/// </summary>
public sealed class FormerSlug
{
    public required string Slug { get; set; }
    public int StoryId { get; set; }
    public DateTimeOffset RetiredAt { get; set; }
}
