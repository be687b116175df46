using System.Text.RegularExpressions;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// An archive page, "Tag Archives: NAME" or "Category Archives: NAME" (the tag or category belongs to
/// every post on it), listing posts: link posts that end at "Source: …" or "Read in full at …",
/// posts with "by NAME, ORG" bylines or "NAME – a post that first appeared on …", an "About the author"
/// section, and a "Related resources" section of further posts, each opening with a standfirst that names its author.
/// </summary>
public sealed partial class ArchivePageConvention : ISourceConvention
{
    private const int MaxTitleLength = 120;

    public string Name => "archive page";

    public bool Recognises(SourceLines lines)
    {
        var first = lines.NextNonBlank(0);
        return first < lines.Count && ArchiveHeader().IsMatch(lines[first].Trim());
    }

    public IReadOnlyList<ImportedStory> Read(string sourceFile, SourceLines lines, ICollection<ImportProblem> problems)
    {
        var headerIndex = lines.NextNonBlank(0);
        var header = ArchiveHeader().Match(lines[headerIndex].Trim());
        var archiveName = header.Groups["name"].Value.Trim();
        var isCategory = header.Groups["kind"].Value.Equals("Category", StringComparison.OrdinalIgnoreCase);

        var titles = FindTitles(lines, headerIndex + 1);
        var stories = new List<ImportedStory>();
        for (var n = 0; n < titles.Count; n++)
        {
            var end = n + 1 < titles.Count ? titles[n + 1].Index : lines.Count;
            var story = ReadPost(sourceFile, n + 1, lines, titles[n], end);
            stories.Add(isCategory
                ? story with { Categories = [.. story.Categories.Append(archiveName).Distinct()] }
                : story with { Tags = [.. story.Tags.Append(archiveName).Distinct()] });
        }

        if (titles.Count == 0)
        {
            problems.Add(new ImportProblem(sourceFile, $"The archive page \"{archiveName}\" lists no posts."));
        }

        return stories;
    }

    private static ImportedStory ReadPost(string sourceFile, int position, SourceLines lines, (int Index, bool IsRelatedResource) title, int end)
    {
        var titleIndex = title.Index;
        var authors = new List<ImportedAuthor>();
        string? summary = null;
        string? publication = null;
        string? url = null;
        var date = PartialDate.Unknown;

        var bodyStart = lines.NextNonBlank(titleIndex + 1);
        var opening = bodyStart < end ? lines[bodyStart].Trim() : "";
        if (Bylines.NameCommaOrganisation(opening) is { } withOrganisation)
        {
            authors.Add(withOrganisation);
            bodyStart++;
        }
        else if (Bylines.PlainByline(opening) is { } names)
        {
            authors.AddRange(names.Select(n => new ImportedAuthor(n)));
            bodyStart++;
        }
        else if (FirstAppeared().Match(opening) is { Success: true } appeared)
        {
            authors.Add(new ImportedAuthor(appeared.Groups["name"].Value));
            publication = appeared.Groups["publication"].Value.Trim();
            date = PartialDateParser.Parse(appeared.Groups["date"].Value);
            bodyStart++;
        }
        else if (title.IsRelatedResource && Bylines.StandfirstAuthor(opening) is { } named)
        {
            authors.Add(new ImportedAuthor(named));
            summary = opening;
            bodyStart++;
        }

        bodyStart = lines.NextNonBlank(bodyStart);
        if (bodyStart < end && PostParts.IsImageCaption(lines, bodyStart))
        {
            bodyStart++;
        }

        var body = new List<string>();
        for (var i = bodyStart; i < end; i++)
        {
            var line = lines[i].Trim();
            if (SourceLine().Match(line) is { Success: true } source)
            {
                publication ??= source.Groups["publication"].Value.Trim();
                break;
            }

            if (ReadInFull().Match(line) is { Success: true } readInFull)
            {
                publication ??= readInFull.Groups["publication"].Value.Trim();
                url = readInFull.Groups["url"].Value.Trim();
                break;
            }

            if (line.Equals("Related resources", StringComparison.OrdinalIgnoreCase) || SiteChrome.EndsPost(line))
            {
                break;
            }

            body.Add(lines[i]);
        }

        return new ImportedStory
        {
            SourceFile = sourceFile,
            Position = position,
            Title = lines[titleIndex].Trim(),
            Authors = authors,
            PublishedOn = date,
            Summary = summary,
            BodyMarkdown = MarkdownWriter.Write(body.Where(l => !SiteChrome.IsChrome(l))),
            SourcePublication = publication,
            SourceUrl = url,
        };
    }

    /// <summary>
    /// Where posts begin: the first line after the header, the line after a link post's "Source:" or
    /// "Read in full" line or after the "Related resources" heading, and any short line set off by a
    /// blank line before and two after. Posts under "Related resources" open with a standfirst.
    /// </summary>
    private static List<(int Index, bool IsRelatedResource)> FindTitles(SourceLines lines, int from)
    {
        var titles = new List<(int, bool)>();
        var expectTitle = true;
        var inRelatedResources = false;
        for (var i = from; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Equals("Related resources", StringComparison.OrdinalIgnoreCase))
            {
                expectTitle = true;
                inRelatedResources = true;
                continue;
            }

            var setApart = (i == 0 || lines[i - 1].Length == 0) && lines.BlanksAfter(i) >= 2
                && line.Length <= MaxTitleLength && !".:;,".Contains(line[^1], StringComparison.Ordinal)
                && !line.Equals("About the author", StringComparison.OrdinalIgnoreCase);
            if (expectTitle || setApart)
            {
                titles.Add((i, inRelatedResources));
                expectTitle = false;
                continue;
            }

            if (SourceLine().IsMatch(line) || ReadInFull().IsMatch(line))
            {
                expectTitle = true;
            }
        }

        return titles;
    }

    [GeneratedRegex(@"^(?<kind>Tag|Category) Archives:\s*(?<name>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ArchiveHeader();

    [GeneratedRegex(@"^Source:\s.*\s[–—-]\s(?<publication>[^–—]+)$")]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^Read in full (?:at|on)\s+(?:the\s+)?(?:official\s+blog\s+of\s+)?(?<publication>.+?):\s*(?<url>https?://\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReadInFull();

    [GeneratedRegex(@"^(?<name>[A-Z][\p{L}'’.\-]+(?:\s+[A-Z][\p{L}'’.\-]+){1,3})\s+[–—-]\s+a post that first appeared on\s+(?<publication>.+?)(?:\s+on\s+(?<date>(?:the\s+)?\d.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FirstAppeared();
}
