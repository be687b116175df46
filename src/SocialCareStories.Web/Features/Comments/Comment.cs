using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Comments;

public sealed class Comment
{
    public int Id { get; set; }
    public int StoryId { get; set; }
    public Story Story { get; set; } = null!;

    /// <summary>Null when the source printed no name; shown as "A reader".</summary>
    public string? AuthorName { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset? PostedAt { get; set; }
    public ModerationStatus Status { get; set; }

    /// <summary>True for comments brought in with an imported post; a re-import replaces only these.</summary>
    public bool IsImported { get; set; }

    /// <summary>Position among the story's comments as the source listed them.</summary>
    public int Position { get; set; }
}

public enum ModerationStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Spam = 3,
}
