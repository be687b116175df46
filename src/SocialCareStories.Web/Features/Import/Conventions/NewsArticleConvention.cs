using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// A news article: headline, perhaps bylines and datelines, standfirst (repeated as the first paragraph), a boxed section under a
/// capitalised title, then the site's chrome ("What do you think?", "Related articles", "More from …",
/// "Comments are closed.").
/// </summary>
public sealed class NewsArticleConvention : ISourceConvention
{
    public string Name => "news article";

    public bool Recognises(SourceLines lines)
    {
        var chrome = lines.Lines.Count(line => SiteChrome.EndsPost(line) && !line.Trim().Equals("Latest blog posts", StringComparison.OrdinalIgnoreCase));
        var headline = lines.NextNonBlank(0);

        // Bylines and datelines under the headline are skipped here as Read skips them, so the repeated standfirst is still seen.
        var standfirst = lines.NextNonBlank(PostHeading.Read(lines, headline + 1, lines.Count).BodyStart);
        var repeat = lines.NextNonBlank(standfirst + 1);
        var repeated = repeat < lines.Count && PostParts.SameOpening(lines[standfirst], lines[repeat]);
        return chrome >= 2 || repeated;
    }

    public IReadOnlyList<ImportedStory> Read(string sourceFile, SourceLines lines, ICollection<ImportProblem> problems)
    {
        var headline = lines.NextNonBlank(0);
        var heading = PostHeading.Read(lines, headline + 1, lines.Count);
        var standfirst = lines.NextNonBlank(heading.BodyStart);
        var next = lines.NextNonBlank(standfirst + 1);
        var repeated = next < lines.Count && PostParts.SameOpening(lines[standfirst], lines[next]);

        // The standfirst becomes the summary; when the page does not repeat it, it also opens the body so nothing is lost.
        var bodyStart = repeated ? next : standfirst;
        var bodyEnd = PostParts.BodyEnd(lines, bodyStart, lines.Count);
        var publication = lines.Range(bodyEnd, lines.Count).Select(SiteChrome.PublicationNamedBy).FirstOrDefault(p => p is not null);

        return
        [
            new ImportedStory
            {
                SourceFile = sourceFile,
                Position = 1,
                Title = lines[headline].Trim(),
                Kind = StoryKind.News,
                Authors = heading.Authors,
                PublishedOn = heading.PublishedOn,
                Summary = lines[standfirst].Trim(),
                Categories = PostParts.ListUnder(lines, "Categories", bodyEnd, lines.Count),
                Tags = PostParts.ListUnder(lines, "Tags", bodyEnd, lines.Count),
                BodyMarkdown = MarkdownWriter.Write(PostParts.BodyLines(lines, bodyStart, bodyEnd)),
                SourcePublication = publication,
            }.ReviewedFor(heading.Doubts),
        ];
    }
}
