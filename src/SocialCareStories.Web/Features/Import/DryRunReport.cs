using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialCareStories.Web.Features.Import;

/// <summary>The JSON document `import FOLDER --dry-run` prints: what would be imported, and what could not be.</summary>
public static class DryRunReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string ToJson(ImportParseResult result) => JsonSerializer.Serialize(From(result), Options);

    public static Report From(ImportParseResult result) => new(
        result.Stories.Select(s => new StoryLine(
            s.SourceFile,
            s.Title,
            KindName(s.Kind),
            s.Authors.Select(a => a.Name).ToList(),
            s.PublishedOn.ToIsoString(),
            s.Categories,
            s.SuggestedCategories.Select(c => new SuggestedCategoryLine(c.Path, c.Score, c.Reasons)).ToList(),
            s.Tags,
            s.Comments.Select(c => new CommentLine(c.Author, c.Body)).ToList(),
            s.BodyMarkdown,
            s.NeedsReview)).ToList(),
        result.Problems.Select(p => new ProblemLine(p.SourceFile, p.Message)).ToList());

    public static string KindName(Stories.StoryKind kind) => kind switch
    {
        Stories.StoryKind.News => "news",
        Stories.StoryKind.CaseStudy => "case study",
        _ => "blog post",
    };

    public sealed record Report(IReadOnlyList<StoryLine> Stories, IReadOnlyList<ProblemLine> Problems);

    public sealed record StoryLine(
        string SourceFile,
        string Title,
        string Kind,
        IReadOnlyList<string> Authors,
        string? PublishedOn,
        IReadOnlyList<string> Categories,
        IReadOnlyList<SuggestedCategoryLine> SuggestedCategories,
        IReadOnlyList<string> Tags,
        IReadOnlyList<CommentLine> Comments,
        string BodyMarkdown,
        bool NeedsReview);

    /// <summary>A classifier suggestion: "Mental Health > Dementia", 0.82, the words it rests on.</summary>
    public sealed record SuggestedCategoryLine(string Path, double Score, IReadOnlyList<string> Reasons);

    public sealed record CommentLine(string? Author, string Body);

    public sealed record ProblemLine(string SourceFile, string Message);
}
