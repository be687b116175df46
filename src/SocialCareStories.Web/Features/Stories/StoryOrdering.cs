namespace SocialCareStories.Web.Features.Stories;

public static class StoryOrdering
{
    /// <summary>Newest first by the date the source gives; undated stories after dated ones, then the most recently added first.</summary>
    public static IOrderedQueryable<Story> NewestFirst(this IQueryable<Story> stories) => stories
        .OrderByDescending(s => s.PublishedOn.Year ?? 0)
        .ThenByDescending(s => s.PublishedOn.Month ?? 0)
        .ThenByDescending(s => s.PublishedOn.Day ?? 0)
        .ThenByDescending(s => s.Id);
}
