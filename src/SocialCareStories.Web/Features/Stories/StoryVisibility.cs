using System.Linq.Expressions;

namespace SocialCareStories.Web.Features.Stories;

/// <summary>
/// The one rule for what readers may see of a story: only a published story, and nothing about any other (its title,
/// names, tags, organisations, case studies, counts). A scheduled story is not published until ScheduledPublisher
/// publishes it at its time, so "published" already leaves out stories whose time has not come.
/// Queries over stories use <see cref="VisibleToReaders"/>; queries that reach stories through a link use
/// <see cref="IsPublic"/> (<c>link.Stories.AsQueryable().Any(StoryVisibility.IsPublic)</c>); raw SQL compares
/// "Status" with <see cref="PublicStatusInSql"/>; staff screens that list every story label the others with <see cref="StaffLabel"/>.
/// </summary>
public static class StoryVisibility
{
    public const StoryStatus PublicStatus = StoryStatus.Published;

    /// <summary>The public status as raw SQL compares it (statuses are stored by name): <c>"Status" = 'Published'</c>.</summary>
    public const string PublicStatusInSql = nameof(StoryStatus.Published);

    public static readonly Expression<Func<Story, bool>> IsPublic = story => story.Status == PublicStatus;

    public static IQueryable<Story> VisibleToReaders(this IQueryable<Story> stories) => stories.Where(IsPublic);

    /// <summary>What staff see beside a story that readers cannot: "Draft", "Scheduled", "Unpublished"; null when it is public.</summary>
    public static string? StaffLabel(StoryStatus status) => status switch
    {
        PublicStatus => null,
        StoryStatus.Draft => "Draft",
        StoryStatus.Scheduled => "Scheduled",
        _ => "Unpublished",
    };
}
