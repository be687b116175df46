namespace SocialCareStories.Web.Features.Audit;

/// <summary>One thing a person did that changes what readers see: who, what, to which item, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The Identity user id, or null for the system (the scheduler, an import, a command).</summary>
    public string? UserId { get; set; }

    /// <summary>The name as it was when the action happened, so the trail reads true after a rename.</summary>
    public required string UserName { get; set; }

    /// <summary>A verb such as <c>story.published</c>, <c>comment.approved</c>, <c>award-year.published</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What kind of thing was acted on: Story, Comment, AwardYear, User, …</summary>
    public required string ItemType { get; set; }
    public string? ItemId { get; set; }

    /// <summary>A readable line for the admin screen, such as the story's title.</summary>
    public string? Summary { get; set; }
}
