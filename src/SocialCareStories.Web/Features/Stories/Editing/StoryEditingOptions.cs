namespace SocialCareStories.Web.Features.Stories.Editing;

/// <summary>Settings under "Stories:Editing" in appsettings.json.</summary>
public sealed class StoryEditingOptions
{
    public const string Section = "Stories:Editing";

    /// <summary>How far ahead a story must be scheduled; tests set zero so they need not wait.</summary>
    public TimeSpan MinimumScheduleLead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the scheduler looks for stories that are due.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time zone editors enter and read times in (IANA id).</summary>
    public string TimeZone { get; set; } = "Europe/London";

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
