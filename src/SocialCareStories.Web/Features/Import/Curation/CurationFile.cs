using System.Text.Json;
using System.Text.Json.Serialization;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import.Curation;

/// <summary>
/// What the seed text says but no parser should guess: editorial titles and dates, author details,
/// the case studies the posts describe and the Accolades results. Each entry names the story it comes
/// from (its import key, "file#position") and quotes the words it rests on, so a fact that no longer
/// stands in its story is reported rather than applied.
/// </summary>
public sealed record CurationFile
{
    public const string FileName = "curation.json";

    /// <summary>Editorial facts for a handful of stories fit in kilobytes; anything near this is not a curation file.</summary>
    public const long MaxBytes = 1024 * 1024;

    public IReadOnlyList<StoryCuration> Stories { get; init; } = [];
    public IReadOnlyList<CaseStudyCuration> CaseStudies { get; init; } = [];
    public IReadOnlyList<AwardYearCuration> Awards { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static CurationFile Parse(string json) =>
        JsonSerializer.Deserialize<CurationFile>(json, Options) ?? new CurationFile();
}

public sealed record StoryCuration
{
    public required string Story { get; init; }
    public required string Quote { get; init; }
    public string? Title { get; init; }
    public StoryKind? Kind { get; init; }
    public CuratedDate? PublishedOn { get; init; }
    public string? Publication { get; init; }
    public string? Url { get; init; }
    public IReadOnlyList<ImportedAuthor>? Authors { get; init; }

    /// <summary>Why these changes were made; shown to editors.</summary>
    public string? Note { get; init; }
}

public sealed record CuratedDate(int? Year, int? Month, int? Day)
{
    public PartialDate ToPartialDate() => new(Year, Month, Day);
}

public sealed record CaseStudyCuration
{
    public required string Story { get; init; }
    public required string Quote { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> Organisations { get; init; } = [];
    public string? Partners { get; init; }
    public string? Place { get; init; }
    public string? WhatWasDone { get; init; }
    public string? Outcomes { get; init; }
}

public sealed record AwardYearCuration
{
    public required string Programme { get; init; }
    public required int Year { get; init; }
    public DateOnly? CeremonyDate { get; init; }
    public string? Venue { get; init; }
    public bool Published { get; init; }
    public string? Story { get; init; }
    public string? Quote { get; init; }
    public IReadOnlyList<AwardCategoryCuration> Categories { get; init; } = [];
}

public sealed record AwardCategoryCuration
{
    /// <summary>Null when the source does not say which category the results were in: they are kept without a name, never given an invented one.</summary>
    public string? Name { get; init; }
    public bool IsTopAward { get; init; }
    public IReadOnlyList<AwardEntryCuration> Entries { get; init; } = [];
}

public sealed record AwardEntryCuration
{
    public required string Organisation { get; init; }
    public string? Project { get; init; }
    public AwardResult Result { get; init; }
    public string? Citation { get; init; }
    public required string Story { get; init; }
    public required string Quote { get; init; }
    public string? CaseStudy { get; init; }
}
