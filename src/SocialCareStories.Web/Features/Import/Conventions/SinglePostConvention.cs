using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// One post per page: a title line (perhaps only a hashtag), bylines and datelines, the body, then a "Categories:" list of
/// "•" items, some "Parent > Child", and the site's trailing chrome.
/// </summary>
public sealed partial class SinglePostConvention : ISourceConvention
{
    public string Name => "single post";

    // The fallback: any page with a line of text reads as one post.
    public bool Recognises(SourceLines lines) => lines.NextNonBlank(0) < lines.Count;

    public IReadOnlyList<ImportedStory> Read(string sourceFile, SourceLines lines, ICollection<ImportProblem> problems)
    {
        var titleIndex = lines.NextNonBlank(0);
        var titleLine = lines[titleIndex].Trim();
        var heading = PostHeading.Read(lines, titleIndex + 1, lines.Count);
        var bodyStart = heading.BodyStart;
        var bodyEnd = PostParts.BodyEnd(lines, bodyStart, lines.Count);
        var body = PostParts.BodyLines(lines, bodyStart, bodyEnd);
        foreach (var stray in PostParts.UnrecognisedTrailingLines(lines, bodyEnd, lines.Count))
        {
            problems.Add(new ImportProblem(sourceFile, $"Text after the post's end was left out: \"{PostParts.Shorten(stray)}\""));
        }

        var tags = new List<string>();
        var title = titleLine;
        var reasons = new List<ReviewReason>();
        if (PostParts.IsHashtag(titleLine))
        {
            tags.Add(titleLine.TrimStart('#'));
            var first = body.FindIndex(l => l.Length > 0);
            var leadIn = first >= 0 ? LeadIn().Match(body[first].Trim()) : Match.Empty;
            if (leadIn.Success)
            {
                title = leadIn.Groups["title"].Value.Trim();
                body[first] = leadIn.Groups["rest"].Value;
                reasons.Add(new ReviewReason(ReviewedFact.Title, "The page's title line is only a hashtag; the title was taken from the words that open the text."));
            }
            else
            {
                title = PostParts.DeriveTitle(body);
                reasons.Add(new ReviewReason(ReviewedFact.Title, "The page's title line is only a hashtag; the title was derived from the opening sentence."));
            }
        }

        return
        [
            new ImportedStory
            {
                SourceFile = sourceFile,
                Position = 1,
                Title = title,
                Authors = heading.Authors,
                PublishedOn = heading.PublishedOn,
                Categories = PostParts.ListUnder(lines, "Categories", bodyEnd, lines.Count),
                Tags = [.. tags, .. PostParts.ListUnder(lines, "Tags", bodyEnd, lines.Count)],
                BodyMarkdown = MarkdownWriter.Write(body),
            }.ReviewedFor([.. reasons, .. heading.Doubts]),
        ];
    }

    // "The good, the bad and the ugly - There’s plenty of positive news…": a heading run into the first paragraph.
    [GeneratedRegex(@"^(?<title>[^.?!]{8,80}?)\s+[-–—]\s+(?<rest>[A-Z‘“'""].+)$")]
    private static partial Regex LeadIn();
}
