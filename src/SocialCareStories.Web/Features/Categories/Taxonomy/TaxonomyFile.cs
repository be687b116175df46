using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialCareStories.Web.Features.Categories.Taxonomy;

/// <summary>
/// seeds/taxonomy.json: the sectors, their themes and the source sites' collections, as reviewable text. It is
/// loaded into the store on first start (<see cref="TaxonomyLoader"/>); from then on the store is the taxonomy and
/// Admins edit it there. Its collections stay here: they say how source labels are read, not what readers browse.
/// </summary>
public sealed record TaxonomyFile
{
    public const string FileName = "taxonomy.json";
    public const long MaxBytes = 1024 * 1024;

    public IReadOnlyList<SectorEntry> Sectors { get; init; } = [];
    public IReadOnlyList<CollectionEntry> Collections { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the file's text; a malformed file throws <see cref="JsonException"/> naming where.</summary>
    public static TaxonomyFile Parse(string json)
    {
        var file = JsonSerializer.Deserialize<TaxonomyFile>(json, Options) ?? new TaxonomyFile();
        var repeated = file.Sectors.SelectMany(s => s.Themes.Select(t => t.Name).Prepend(s.Name))
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new JsonException($"The taxonomy names \"{repeated.Key}\" more than once; a theme belongs to one sector only.");
        }

        return file;
    }

    /// <summary>The file in <paramref name="folder"/>, or null when it has none.</summary>
    public static TaxonomyFile? Read(string folder)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new JsonException($"{FileName} is over the {MaxBytes / 1024:N0} KB limit.");
        }

        return Parse(File.ReadAllText(path));
    }
}

public sealed record SectorEntry
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Terms { get; init; } = [];
    public IReadOnlyList<ThemeEntry> Themes { get; init; } = [];
}

public sealed record ThemeEntry
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Terms { get; init; } = [];
}

public sealed record CollectionEntry
{
    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>The names source pages give it, as categories or hashtags ("FabSocialCareStuff").</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
}
