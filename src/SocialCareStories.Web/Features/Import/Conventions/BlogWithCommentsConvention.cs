using System.Globalization;
using System.Text.RegularExpressions;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// A blog post with "Posted on DATE, by USER in BLOG. N comments", a "By guest blogger NAME," line,
/// reader comments after "N responses to “TITLE”" as numbered "NAME says:" items, then a
/// "Latest blog posts" sidebar of teasers that belongs to the site.
/// </summary>
public sealed partial class BlogWithCommentsConvention : ISourceConvention
{
    public string Name => "blog post with comments";

    public bool Recognises(SourceLines lines) => lines.Lines.Any(line => PostedOn().IsMatch(line.Trim()));

    public IReadOnlyList<ImportedStory> Read(string sourceFile, SourceLines lines, ICollection<ImportProblem> problems)
    {
        var titleIndex = lines.NextNonBlank(0);
        var postedIndex = Enumerable.Range(0, lines.Count).First(i => PostedOn().IsMatch(lines[i].Trim()));
        var posted = PostedOn().Match(lines[postedIndex].Trim());

        var heading = PostHeading.Read(lines, postedIndex + 1, lines.Count);
        var bodyStart = heading.BodyStart;
        var authors = heading.Authors.ToList();
        var user = posted.Groups["user"].Value.Trim();
        if (authors.Count == 0 && Bylines.IsPersonName(user))
        {
            authors.Add(new ImportedAuthor(user));
        }

        var publishedOn = PartialDateParser.Parse(posted.Groups["date"].Value);

        // The "Posted on" line dates the post, so the heading's own account of a missing date does not apply.
        List<ReviewReason> reasons = [.. heading.Doubts.Where(r => r.Fact != ReviewedFact.AuthorsOrDate)];
        if (authors.Count == 0 && publishedOn == PartialDate.Unknown)
        {
            reasons.Add(new ReviewReason(ReviewedFact.AuthorsOrDate, PostHeading.NoAuthorOrDate));
        }

        var responsesIndex = Enumerable.Range(bodyStart, lines.Count - bodyStart).FirstOrDefault(i => Responses().IsMatch(lines[i].Trim()), -1);
        var bodyEnd = PostParts.BodyEnd(lines, bodyStart, responsesIndex >= 0 ? responsesIndex : lines.Count);
        var comments = responsesIndex >= 0 ? ReadComments(lines, responsesIndex + 1) : [];

        var announced = int.Parse(posted.Groups["count"].Value, CultureInfo.InvariantCulture);
        if (responsesIndex >= 0 && comments.Count != announced)
        {
            problems.Add(new ImportProblem(sourceFile, $"The page announces {announced} comments but {comments.Count} were found."));
        }

        return
        [
            new ImportedStory
            {
                SourceFile = sourceFile,
                Position = 1,
                Title = lines[titleIndex].Trim(),
                Authors = authors,
                PublishedOn = publishedOn,
                Comments = comments,
                Categories = PostParts.ListUnder(lines, "Categories", bodyEnd, lines.Count),
                Tags = PostParts.ListUnder(lines, "Tags", bodyEnd, lines.Count),
                BodyMarkdown = MarkdownWriter.Write(PostParts.BodyLines(lines, bodyStart, bodyEnd)),
                SourcePublication = posted.Groups["blog"].Value.Trim(),
            }.ReviewedFor(reasons),
        ];
    }

    private static List<ImportedComment> ReadComments(SourceLines lines, int from)
    {
        var comments = new List<ImportedComment>();
        string? author = null;
        var body = new List<string>();
        var open = false;

        void Close()
        {
            if (open)
            {
                comments.Add(new ImportedComment(author, MarkdownWriter.Paragraphs(body)));
            }
        }

        for (var i = from; i < lines.Count; i++)
        {
            var line = lines[i];
            if (SiteChrome.EndsPost(line) || SiteChrome.IsChrome(line))
            {
                break;
            }

            var item = CommentItem().Match(line);
            if (item.Success)
            {
                Close();
                open = true;
                body = [];
                var says = Says().Match(item.Groups["text"].Value.Trim());
                author = says.Success ? says.Groups["name"].Value.Trim() : null;
                if (!says.Success)
                {
                    body.Add(item.Groups["text"].Value);
                }
            }
            else if (open)
            {
                body.Add(line);
            }
        }

        Close();
        return comments;
    }

    [GeneratedRegex(@"^Posted on (?<date>.+?),\s*by (?<user>.+?) in (?<blog>.+?)\.\s*(?<count>\d+) (?:comments?|responses?)$", RegexOptions.IgnoreCase)]
    private static partial Regex PostedOn();

    [GeneratedRegex(@"^\d+ (?:responses?|comments?|replies) (?:to|on) [“""].+[”""]$", RegexOptions.IgnoreCase)]
    private static partial Regex Responses();

    [GeneratedRegex(@"^\s+\d{1,4}\.\s+(?<text>\S.*)$")]
    private static partial Regex CommentItem();

    [GeneratedRegex(@"^(?<name>[^.?!]{1,80}) says:$")]
    private static partial Regex Says();
}
