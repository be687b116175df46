using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.CaseStudies;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Tags;

namespace SocialCareStories.Web.Features.Stories;

public sealed class Story : IVersioned
{
    public int Id { get; set; }
    public StoryKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string? Summary { get; set; }
    public string BodyMarkdown { get; set; } = "";

    /// <summary>
    /// <see cref="BodyMarkdown"/> through <see cref="MarkdownRenderer.ToSafeHtml"/>, sanitised: rendered when the
    /// story is saved (by the store, see StoriesDbContext) so a reader's page never renders Markdown.
    /// </summary>
    public string? BodyHtml { get; set; }

    /// <summary>The <see cref="MarkdownRenderer.Version"/> that rendered <see cref="BodyHtml"/>; older ones are rendered again at start.</summary>
    public int BodyHtmlVersion { get; set; }
    public StoryStatus Status { get; set; }

    /// <summary>The date the source gives, as much of it as it gives: a day and month without a year stays so.</summary>
    public PartialDate PublishedOn { get; set; } = PartialDate.Unknown;
    public DateTimeOffset? ScheduledFor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when a person changes the story; the import never overwrites such a story.</summary>
    public DateTimeOffset? EditedAt { get; set; }

    public string? SourcePublication { get; set; }
    public string? SourceUrl { get; set; }
    public string? SourceFile { get; set; }

    /// <summary>Identifies an imported post across re-imports: the file name and the post's position in it.</summary>
    public string? ImportKey { get; set; }

    /// <summary>A hash of the story as last imported, so an unchanged re-import writes nothing.</summary>
    public string? ImportFingerprint { get; set; }

    /// <summary>
    /// The media library image shown at the top of the story, on its card and as its social card. A plain indexed
    /// column, not a foreign key (ADR-013): the library refuses to delete an image a story uses.
    /// </summary>
    public int? FeatureImageId { get; set; }

    public bool NeedsReview { get; set; }
    public string? ReviewNote { get; set; }
    public Guid Version { get; set; }

    public List<StoryAuthor> Authors { get; set; } = [];
    public List<Category> Categories { get; set; } = [];
    public List<Tag> Tags { get; set; } = [];
    public List<Comment> Comments { get; set; } = [];
    public List<Revision> Revisions { get; set; } = [];
    public List<CaseStudy> CaseStudies { get; set; } = [];

    /// <summary>What the classifier suggested, and what became of each suggestion.</summary>
    public List<CategorySuggestion> CategorySuggestions { get; set; } = [];
}

public enum StoryKind
{
    BlogPost = 0,
    News = 1,
    CaseStudy = 2,
}

public enum StoryStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
    Unpublished = 3,
}
