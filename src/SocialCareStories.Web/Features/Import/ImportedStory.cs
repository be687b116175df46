using System.Text.Json.Serialization;
using SocialCareStories.Web.Features.Categories.Classification;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import;

/// <summary>One post as read from a source document, before it reaches the store.</summary>
public sealed record ImportedStory
{
    public required string SourceFile { get; init; }

    /// <summary>1-based position of the post in its file; with the file name it identifies the post across re-imports.</summary>
    public required int Position { get; init; }
    public required string Title { get; init; }
    public StoryKind Kind { get; init; } = StoryKind.BlogPost;
    public IReadOnlyList<ImportedAuthor> Authors { get; init; } = [];
    public PartialDate PublishedOn { get; init; } = PartialDate.Unknown;
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>What the classifier suggested (<see cref="StoryFiling"/>); those over its threshold are in <see cref="Categories"/> too.</summary>
    public IReadOnlyList<SuggestedCategory> SuggestedCategories { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Those of <see cref="Tags"/> that name a source site's collection (<see cref="StoryFiling"/>).</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];
    public IReadOnlyList<ImportedComment> Comments { get; init; } = [];
    public string? Summary { get; init; }
    public required string BodyMarkdown { get; init; }
    public string? SourcePublication { get; init; }
    public string? SourceUrl { get; init; }
    public bool NeedsReview { get; init; }
    public string? ReviewNote { get; init; }

    /// <summary>
    /// Why the import doubts what it read, each naming the fact that settles it, so curation that supplies the
    /// fact clears only that doubt. <see cref="NeedsReview"/> and <see cref="ReviewNote"/> are what the store keeps.
    /// </summary>
    /// <remarks>
    /// Left out of the import fingerprint (the story serialised): the store keeps the reasons only as the note, so
    /// they must not make a rerun see every story as changed and write it again.
    /// </remarks>
    [JsonIgnore]
    public IReadOnlyList<ReviewReason> ReviewReasons { get; init; } = [];

    /// <summary>This post flagged for the given reasons, with a note that states them all (none: not flagged).</summary>
    public ImportedStory ReviewedFor(IReadOnlyList<ReviewReason> reasons) => this with
    {
        ReviewReasons = reasons,
        NeedsReview = reasons.Count > 0,
        ReviewNote = ReviewReason.Join(reasons.Select(r => r.Note)),
    };

    public string ImportKey => $"{SourceFile}#{Position}";
}

/// <summary>One doubt about a post, in plain words for the editor who reviews it.</summary>
public sealed record ReviewReason(ReviewedFact Fact, string Note)
{
    // The store keeps at most 1,000 characters of note (StoryConfiguration); a cut note still names its first reasons.
    private const int MaxNoteLength = 1000;

    public static string? Join(IEnumerable<string?> notes)
    {
        var note = string.Join(' ', notes.Where(n => !string.IsNullOrWhiteSpace(n)));
        return note.Length == 0 ? null : note.Length <= MaxNoteLength ? note : note[..(MaxNoteLength - 1)] + "…";
    }
}

/// <summary>The fact a doubt is about: curation that supplies it settles the doubt.</summary>
public enum ReviewedFact
{
    Title,
    Authors,
    Date,

    /// <summary>Settled by either an author or a date.</summary>
    AuthorsOrDate,

    /// <summary>No sector could be suggested with confidence: settled by an editor choosing one.</summary>
    Sector,
}

public sealed record ImportedAuthor(string Name, string? Role = null, string? Organisation = null, string? SocialHandle = null);

/// <summary>A reader's comment as the source printed it; <see cref="Author"/> is null when it printed no name.</summary>
public sealed record ImportedComment(string? Author, string Body);

public sealed record ImportProblem(string SourceFile, string Message);

/// <summary>What reading a folder produced: the posts in file-name order, and whatever could not be read.</summary>
public sealed record ImportParseResult(IReadOnlyList<ImportedStory> Stories, IReadOnlyList<ImportProblem> Problems);
