namespace SocialCareStories.Web.Features.Stories;

/// <summary>What a reader narrowed the published stories to; every filter has its own URL, so these come from the query string.</summary>
public sealed record StoryFilter
{
    public StoryKind? Kind { get; init; }

    /// <summary>A sector's slug: its stories and its themes' stories.</summary>
    public string? Sector { get; init; }

    /// <summary>A theme's slug.</summary>
    public string? Theme { get; init; }

    /// <summary>Any category's slug, sector or theme (a category page's own filter).</summary>
    public string? Category { get; init; }
    public string? Tag { get; init; }
    public int? Year { get; init; }
    public string? Author { get; init; }
    public string? Organisation { get; init; }

    /// <summary>The year of the Accolades whose published results link the story.</summary>
    public int? Award { get; init; }

    /// <summary>A collection's slug (a source site's collection, such as Fabulous Stuff).</summary>
    public string? Collection { get; init; }
    public int Page { get; init; } = 1;

    public bool IsEmpty => Kind is null && Sector is null && Theme is null && Category is null && Tag is null && Year is null && Author is null
        && Organisation is null && Award is null && Collection is null;

    /// <summary>The query string parameters of this filter, for links that keep it (paging) or change one part of it.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery(int? page = null) => new Dictionary<string, object?>
    {
        ["sector"] = Sector,
        ["theme"] = Theme,
        ["kind"] = Kind is { } kind ? StoryKinds.ToSlug(kind) : null,
        ["category"] = Category,
        ["tag"] = Tag,
        ["year"] = Year,
        ["author"] = Author,
        ["organisation"] = Organisation,
        ["award"] = Award,
        ["collection"] = Collection,
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
