namespace SocialCareStories.Web.Features.Stories.Browsing;

/// <summary>A facet value as a menu offers it: the query-string value, what a reader sees, how many stories it would show.</summary>
public sealed record FacetOption(string Value, string Label, int Count);

/// <summary>The themes of one sector, for a menu grouped by sector.</summary>
public sealed record ThemeGroup(string Sector, IReadOnlyList<FacetOption> Themes);

/// <summary>
/// Every facet's values with their counts for the current selection: a facet's counts are those of the stories
/// matching every other chosen facet, so a reader sees what choosing another value of it would give.
/// </summary>
public sealed record FacetMenus(
    IReadOnlyList<FacetOption> Sectors,
    IReadOnlyList<ThemeGroup> Themes,
    IReadOnlyList<FacetOption> Kinds,
    IReadOnlyList<FacetOption> Years,
    IReadOnlyList<FacetOption> Organisations,
    IReadOnlyList<FacetOption> Awards,
    IReadOnlyList<FacetOption> Collections)
{
    public static readonly FacetMenus None = new([], [], [], [], [], [], []);
}

/// <summary>One page of the matching stories' ids, newest first, and the menus.</summary>
public sealed record FacetedStories(IReadOnlyList<int> PageIds, int Total, int Page, int PageSize, FacetMenus Menus);

/// <summary>The published stories' facets at one moment; see <see cref="StoryFacets"/>.</summary>
public sealed class FacetSnapshot
{
    private readonly FacetEntry[] _entries;
    private readonly Dictionary<int, FacetCategory> _categories;
    private readonly Dictionary<string, FacetCategory> _categoryBySlug;
    private readonly Dictionary<string, FacetName> _tagBySlug;
    private readonly Dictionary<int, FacetName> _tags;
    private readonly Dictionary<string, FacetName> _organisationBySlug;
    private readonly Dictionary<int, FacetName> _organisations;
    private readonly Dictionary<string, int> _authorBySlug;

    public FacetSnapshot(
        FacetEntry[] entries, IReadOnlyList<FacetCategory> categories, IReadOnlyList<FacetName> tags, IReadOnlyList<FacetName> organisations,
        Dictionary<string, int> authorBySlug, DateTimeOffset readAt)
    {
        _entries = entries;
        _categories = categories.ToDictionary(c => c.Id);
        _categoryBySlug = categories.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        _tags = tags.ToDictionary(t => t.Id);
        _tagBySlug = tags.ToDictionary(t => t.Slug, StringComparer.Ordinal);
        _organisations = organisations.ToDictionary(o => o.Id);
        _organisationBySlug = organisations.ToDictionary(o => o.Slug, StringComparer.Ordinal);
        _authorBySlug = authorBySlug;
        ReadAt = readAt;

        var counts = new Dictionary<int, int>();
        foreach (var entry in entries)
        {
            foreach (var id in entry.Categories)
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        CategoryCounts = counts;
    }

    public DateTimeOffset ReadAt { get; }

    /// <summary>The shared change marker this snapshot was read after (see <see cref="StoryFacets"/>).</summary>
    public byte[] SharedGeneration { get; init; } = [];

    public int Count => _entries.Length;

    /// <summary>Published stories under each category, its themes' included.</summary>
    public IReadOnlyDictionary<int, int> CategoryCounts { get; }

    private enum Facet
    {
        None = -1,
        Sector,
        Theme,
        Kind,
        Year,
        Organisation,
        Award,
        Collection,
    }

    private const int FacetCount = 7;

    private readonly record struct Condition(Facet Facet, Func<FacetEntry, bool> Matches);

    /// <summary>The stories matching <paramref name="filter"/>, one page of them, and every facet's counts.</summary>
    /// <param name="within">When given (a search's matches), only these stories are considered.</param>
    /// <param name="withMenus">False for a listing that shows no menus (the home page, a category page): nothing is counted.</param>
    public FacetedStories Query(StoryFilter filter, int pageSize, IReadOnlySet<int>? within = null, bool withMenus = true)
    {
        var conditions = Conditions(filter);
        var counts = new Dictionary<int, int>[FacetCount];
        for (var f = 0; f < FacetCount; f++)
        {
            counts[f] = [];
        }

        var matching = new List<int>();
        foreach (var entry in within is null ? _entries : EntriesOf(within))
        {
            // One pass: a story failing no condition is a result and counts for every facet; one failing only a
            // facet's own condition counts for that facet alone (what choosing another value of it would show).
            var failed = Facet.None;
            var failures = 0;
            foreach (var condition in conditions)
            {
                if (!condition.Matches(entry))
                {
                    failures++;
                    failed = condition.Facet;
                    if (failures > 1 || failed == Facet.None)
                    {
                        break;
                    }
                }
            }

            if (failures == 0)
            {
                matching.Add(entry.Id);
                for (var f = 0; withMenus && f < FacetCount; f++)
                {
                    CountFor((Facet)f, entry, counts[f]);
                }
            }
            else if (withMenus && failures == 1 && failed != Facet.None)
            {
                CountFor(failed, entry, counts[(int)failed]);
            }
        }

        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (matching.Count + pageSize - 1) / pageSize));
        var pageIds = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new FacetedStories(pageIds, matching.Count, page, pageSize, withMenus ? Menus(counts, filter) : FacetMenus.None);
    }

    /// <summary>
    /// The newest stories worth putting first: those behind an award in a published year or telling a case study.
    /// </summary>
    public IReadOnlyList<int> Featured(int count)
    {
        var caseStudy = StoryFacets.KindBit(StoryKind.CaseStudy);
        return _entries.Where(e => (e.Kinds & caseStudy) != 0 || e.Awards.Length > 0).Take(count).Select(e => e.Id).ToList();
    }

    // A search's few matches are looked up by id rather than found by walking every story.
    private IEnumerable<FacetEntry> EntriesOf(IReadOnlySet<int> ids)
    {
        var positions = LazyInitializer.EnsureInitialized(ref _positionOfId, () => _entries.Select((e, i) => (e.Id, i)).ToDictionary(p => p.Id, p => p.i));
        var found = ids.Where(positions.ContainsKey).Select(id => positions[id]).ToList();
        found.Sort();
        return found.Select(i => _entries[i]);
    }

    private Dictionary<int, int>? _positionOfId;

    private List<Condition> Conditions(StoryFilter filter)
    {
        var conditions = new List<Condition>();
        void Add(Facet facet, Func<FacetEntry, bool> matches) => conditions.Add(new Condition(facet, matches));

        if (filter.Sector is { Length: > 0 } sector)
        {
            var id = _categoryBySlug.TryGetValue(sector, out var c) && c.ParentId is null ? c.Id : -1;
            Add(Facet.Sector, e => e.Categories.Contains(id));
        }

        if (filter.Theme is { Length: > 0 } theme)
        {
            var id = _categoryBySlug.TryGetValue(theme, out var c) && c.ParentId is not null ? c.Id : -1;
            Add(Facet.Theme, e => e.Categories.Contains(id));
        }

        if (filter.Category is { Length: > 0 } category)
        {
            var id = _categoryBySlug.TryGetValue(category, out var c) ? c.Id : -1;
            Add(Facet.None, e => e.Categories.Contains(id));
        }

        if (filter.Kind is { } kind)
        {
            var bit = StoryFacets.KindBit(kind);
            Add(Facet.Kind, e => (e.Kinds & bit) != 0);
        }

        if (filter.Year is { } year)
        {
            Add(Facet.Year, e => e.Year == year);
        }

        if (filter.Organisation is { Length: > 0 } organisation)
        {
            var id = _organisationBySlug.TryGetValue(organisation, out var o) ? o.Id : -1;
            Add(Facet.Organisation, e => e.Organisations.Contains(id));
        }

        if (filter.Award is { } award)
        {
            Add(Facet.Award, e => e.Awards.Contains(award));
        }

        if (filter.Collection is { Length: > 0 } collection)
        {
            var id = _tagBySlug.TryGetValue(collection, out var t) && t.IsCollection ? t.Id : -1;
            Add(Facet.Collection, e => e.Tags.Contains(id));
        }

        if (filter.Tag is { Length: > 0 } tag)
        {
            var id = _tagBySlug.TryGetValue(tag, out var t) ? t.Id : -1;
            Add(Facet.None, e => e.Tags.Contains(id));
        }

        if (filter.Author is { Length: > 0 } author)
        {
            var id = _authorBySlug.GetValueOrDefault(author, -1);
            Add(Facet.None, e => e.Authors.Contains(id));
        }

        return conditions;
    }

    private void CountFor(Facet facet, FacetEntry entry, Dictionary<int, int> counts)
    {
        switch (facet)
        {
            case Facet.Sector:
            case Facet.Theme:
                foreach (var id in entry.Categories)
                {
                    if (_categories.TryGetValue(id, out var c) && (c.ParentId is null) == (facet == Facet.Sector))
                    {
                        counts[id] = counts.GetValueOrDefault(id) + 1;
                    }
                }

                break;
            case Facet.Kind:
                foreach (var kind in StoryKinds.All)
                {
                    if ((entry.Kinds & StoryFacets.KindBit(kind)) != 0)
                    {
                        counts[(int)kind] = counts.GetValueOrDefault((int)kind) + 1;
                    }
                }

                break;
            case Facet.Year when entry.Year != 0:
                counts[entry.Year] = counts.GetValueOrDefault(entry.Year) + 1;
                break;
            case Facet.Organisation:
                foreach (var id in entry.Organisations)
                {
                    counts[id] = counts.GetValueOrDefault(id) + 1;
                }

                break;
            case Facet.Award:
                foreach (var year in entry.Awards)
                {
                    counts[year] = counts.GetValueOrDefault(year) + 1;
                }

                break;
            case Facet.Collection:
                foreach (var id in entry.Tags)
                {
                    if (_tags.TryGetValue(id, out var t) && t.IsCollection)
                    {
                        counts[id] = counts.GetValueOrDefault(id) + 1;
                    }
                }

                break;
        }
    }

    /// <summary>Organisations are many: a menu offers the most frequent, plus the chosen one.</summary>
    private const int MaxOrganisations = 50;

    private FacetMenus Menus(Dictionary<int, int>[] counts, StoryFilter filter)
    {
        // A chosen value stays in its menu even when nothing matches it now, so the reader can see and undo it.
        var sectors = _categories.Values.Where(c => c.ParentId is null && !c.IsRetired)
            .Where(c => counts[(int)Facet.Sector].ContainsKey(c.Id) || c.Slug == filter.Sector)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new FacetOption(c.Slug, c.Name, counts[(int)Facet.Sector].GetValueOrDefault(c.Id))).ToList();

        var chosenSector = filter.Sector is { } s && _categoryBySlug.TryGetValue(s, out var sc) ? sc : null;
        var themes = _categories.Values.Where(c => c.ParentId is { } parent && !c.IsRetired && (chosenSector is null || parent == chosenSector.Id))
            .Where(c => counts[(int)Facet.Theme].ContainsKey(c.Id) || c.Slug == filter.Theme)
            .GroupBy(c => c.ParentId!.Value)
            .Select(g => new ThemeGroup(
                _categories.TryGetValue(g.Key, out var parent) ? parent.Name : "",
                g.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(c => new FacetOption(c.Slug, c.Name, counts[(int)Facet.Theme].GetValueOrDefault(c.Id))).ToList()))
            .OrderBy(g => g.Sector, StringComparer.OrdinalIgnoreCase).ToList();

        var kinds = StoryKinds.All.Where(k => counts[(int)Facet.Kind].ContainsKey((int)k) || k == filter.Kind)
            .Select(k => new FacetOption(StoryKinds.ToSlug(k), StoryKinds.Label(k), counts[(int)Facet.Kind].GetValueOrDefault((int)k))).ToList();

        var years = counts[(int)Facet.Year].Keys.Union(filter.Year is { } y ? [y] : []).OrderDescending()
            .Select(year => new FacetOption(year.ToString(System.Globalization.CultureInfo.InvariantCulture), year.ToString(System.Globalization.CultureInfo.InvariantCulture), counts[(int)Facet.Year].GetValueOrDefault(year))).ToList();

        var organisations = counts[(int)Facet.Organisation].OrderByDescending(c => c.Value).Take(MaxOrganisations).Select(c => c.Key)
            .Union(filter.Organisation is { } o && _organisationBySlug.TryGetValue(o, out var chosen) ? [chosen.Id] : [])
            .Where(_organisations.ContainsKey).Select(id => _organisations[id])
            .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .Select(o => new FacetOption(o.Slug, o.Name, counts[(int)Facet.Organisation].GetValueOrDefault(o.Id))).ToList();

        var awards = counts[(int)Facet.Award].Keys.Union(filter.Award is { } a ? [a] : []).OrderDescending()
            .Select(year => new FacetOption(year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Accolades {year}", counts[(int)Facet.Award].GetValueOrDefault(year))).ToList();

        var collections = _tags.Values.Where(t => t.IsCollection && (counts[(int)Facet.Collection].ContainsKey(t.Id) || t.Slug == filter.Collection))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => new FacetOption(t.Slug, t.Name, counts[(int)Facet.Collection].GetValueOrDefault(t.Id))).ToList();

        return new FacetMenus(sectors, themes, kinds, years, organisations, awards, collections);
    }
}
