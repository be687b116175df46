using SocialCareStories.Web.Features.Shared;

namespace SocialCareStories.Web.Features.Categories.Taxonomy;

/// <summary>A sector or a theme as the classifier and the import see it; <see cref="Id"/> is null when read from the file.</summary>
public sealed record TaxonomyNode(int? Id, string Name, string? SectorName, IReadOnlyList<string> Terms, IReadOnlyList<TaxonomyNode> Themes)
{
    /// <summary>"Mental Health > Dementia", or the sector's name alone.</summary>
    public string Path => SectorName is null ? Name : CategoryPath.Join([SectorName, Name]);
}

/// <summary>
/// The taxonomy in memory: sectors with their themes, and the collections that source labels belong to. Read from
/// the store (<see cref="CategoryTaxonomy"/>) or, where there is no store (a dry run), from seeds/taxonomy.json.
/// </summary>
public sealed class Taxonomy(IReadOnlyList<TaxonomyNode> sectors, IReadOnlyList<CollectionEntry> collections)
{
    public static readonly Taxonomy Empty = new([], []);

    public IReadOnlyList<TaxonomyNode> Sectors { get; } = sectors;
    public IReadOnlyList<CollectionEntry> Collections { get; } = collections;

    public IEnumerable<TaxonomyNode> All => Sectors.SelectMany(s => s.Themes.Prepend(s));

    public static Taxonomy From(TaxonomyFile file) => new(
        file.Sectors.Select(s => new TaxonomyNode(
            null, s.Name, null, s.Terms,
            s.Themes.Select(t => new TaxonomyNode(null, t.Name, s.Name, t.Terms, [])).ToList())).ToList(),
        file.Collections);

    /// <summary>The collection a source label names ("FabSocialCareStuff" → "Fabulous Stuff"), ignoring case, spaces and a leading '#'.</summary>
    public string? CollectionOf(string label)
    {
        var key = LabelKey(label);
        return Collections.FirstOrDefault(c => LabelKey(c.Name) == key || c.Labels.Any(l => LabelKey(l) == key))?.Name;
    }

    /// <summary>The category a source path names ("Acute", "Mental Health > Dementia"), by name ignoring case; null when the taxonomy has none.</summary>
    public TaxonomyNode? Find(string path)
    {
        var names = CategoryPath.Split(path);
        var sector = names.Count > 0 ? Sectors.FirstOrDefault(s => Same(s.Name, names[0])) : null;
        return names.Count switch
        {
            1 => sector ?? Sectors.SelectMany(s => s.Themes).FirstOrDefault(t => Same(t.Name, names[0])),
            2 => sector?.Themes.FirstOrDefault(t => Same(t.Name, names[1])),
            _ => null,
        };
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string LabelKey(string label) => Slugs.From(label.TrimStart('#')).Replace("-", "", StringComparison.Ordinal);
}
