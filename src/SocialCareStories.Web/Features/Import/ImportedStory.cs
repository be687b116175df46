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
    public IReadOnlyList<ImportedComment> Comments { get; init; } = [];
    public string? Summary { get; init; }
    public required string BodyMarkdown { get; init; }
    public string? SourcePublication { get; init; }
    public string? SourceUrl { get; init; }
    public bool NeedsReview { get; init; }
    public string? ReviewNote { get; init; }

    public string ImportKey => $"{SourceFile}#{Position}";
}

public sealed record ImportedAuthor(string Name, string? Role = null, string? Organisation = null, string? SocialHandle = null);

/// <summary>A reader's comment as the source printed it; <see cref="Author"/> is null when it printed no name.</summary>
public sealed record ImportedComment(string? Author, string Body);

public sealed record ImportProblem(string SourceFile, string Message);

/// <summary>What reading a folder produced: the posts in file-name order, and whatever could not be read.</summary>
public sealed record ImportParseResult(IReadOnlyList<ImportedStory> Stories, IReadOnlyList<ImportProblem> Problems);
