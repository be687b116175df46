namespace SocialCareStories.Web.Features.Stories;

/// <summary>What a reader narrowed the published stories to; every filter has its own URL, so these come from the query string.</summary>
public sealed record StoryFilter
{
    public StoryKind? Kind { get; init; }
    public string? Category { get; init; }
    public string? Tag { get; init; }
    public int? Year { get; init; }
    public string? Author { get; init; }
    public string? Organisation { get; init; }
    public int Page { get; init; } = 1;

    public bool IsEmpty => Kind is null && Category is null && Tag is null && Year is null && Author is null && Organisation is null;

    /// <summary>The query string parameters of this filter, for links that keep it (paging) or change one part of it.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery(int? page = null) => new Dictionary<string, object?>
    {
        ["kind"] = Kind is { } kind ? StoryKinds.ToSlug(kind) : null,
        ["category"] = Category,
        ["tag"] = Tag,
        ["year"] = Year,
        ["author"] = Author,
        ["organisation"] = Organisation,
        ["page"] = (page ?? Page) > 1 ? page ?? Page : null,
    };
}

public static class StoryKinds
{
    public static readonly IReadOnlyList<StoryKind> All = [StoryKind.BlogPost, StoryKind.News, StoryKind.CaseStudy];

    public static string ToSlug(StoryKind kind) => kind switch
    {
        StoryKind.News => "news",
        StoryKind.CaseStudy => "case-study",
        _ => "blog-post",
    };

    public static StoryKind? FromSlug(string? slug) => All.Cast<StoryKind?>().FirstOrDefault(k => ToSlug(k!.Value) == slug);

    public static string Label(StoryKind kind) => kind switch
    {
        StoryKind.News => "News",
        StoryKind.CaseStudy => "Case study",
        _ => "Blog post",
    };
}
