namespace SocialCareStories.Web.Features.Stories;

/// <summary>
/// An editor's unsaved work on a story, written as they type so that a dropped connection or a closed tab
/// keeps the text. It is never shown to readers; saving, publishing or discarding removes it.
/// </summary>
public sealed class StoryDraft
{
    public int Id { get; set; }

    /// <summary>The story being edited, or null for a new story not yet saved.</summary>
    public int? StoryId { get; set; }
    public Story? Story { get; set; }

    /// <summary>The editor whose work this is; each editor has their own draft of a story.</summary>
    public required string UserId { get; set; }

    /// <summary>The story's concurrency token when the editor opened it, to tell them if it changed since.</summary>
    public Guid? BasedOnVersion { get; set; }

    public string Title { get; set; } = "";
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string BodyMarkdown { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
}
