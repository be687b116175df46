using System.Globalization;

namespace SocialCareStories.Web.Features.Stories.Browsing;

/// <summary>
/// A <see cref="StoryFilter"/> read from a page's query string, as <see cref="StoryFilter.ToQuery"/> writes it: every
/// view of a listing is its own address, and the forms that narrow it are plain GET forms.
/// </summary>
public static class StoryFilterQuery
{
    /// <summary>Every parameter <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Keys = ["sector", "theme", "category", "kind", "year", "organisation", "award", "collection", "tag", "author", "page"];

    public static StoryFilter From(IQueryCollection query) => new()
    {
        Sector = Text(query, "sector"),
        Theme = Text(query, "theme"),
        Category = Text(query, "category"),
        Kind = StoryKinds.FromSlug(Text(query, "kind")),
        Year = Number(query, "year"),
        Organisation = Text(query, "organisation"),
        Award = Number(query, "award"),
        Collection = Text(query, "collection"),
        Tag = Text(query, "tag"),
        Author = Text(query, "author"),
        Page = Number(query, "page") ?? 1,
    };

    /// <summary>The address of <paramref name="path"/> with the filter, less what <paramref name="change"/> removes or changes.</summary>
    public static string Link(string path, StoryFilter filter, Func<StoryFilter, StoryFilter>? change = null, IEnumerable<KeyValuePair<string, string?>>? before = null)
    {
        var changed = change is null ? filter : change(filter);
        var query = QueryString.Create((before ?? [])
            .Concat(changed.ToQuery().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value is null ? null : Convert.ToString(p.Value, CultureInfo.InvariantCulture))))
            .Where(p => p.Value is not null));
        return path + query;
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    private static int? Number(IQueryCollection query, string name) => Web.Components.QueryNumbers.From(Text(query, name));
}

/// <summary>The page reads a <see cref="StoryFilter"/> from its query (<see cref="StoryFilterQuery.From"/>): the output cache varies by those parameters.</summary>
public sealed class ReadsStoryFilterAttribute() : Web.Components.ReadsQueryAttribute(StoryFilterQuery.Keys);
