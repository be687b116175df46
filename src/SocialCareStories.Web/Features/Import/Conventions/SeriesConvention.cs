using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// A series page: several untitled posts in a row, each opening with a byline ("By NAME", "by NAME",
/// two authors joined by "&amp;", or "NAME – Role, Organisation"), often then a lone image caption,
/// and ending with the author's bio. Titles are derived from the text and flagged for review.
/// </summary>
public sealed partial class SeriesConvention : ISourceConvention
{
    // A "NAME – Role, Organisation" line opens a post only if a real post follows it; the same shape
    // also ends posts as a sign-off ("David Watts – Director of Adult Services").
    private const int MinPostLength = 400;

    public string Name => "series page";

    public bool Recognises(SourceLines lines)
    {
        var openers = FindOpeners(lines);
        return openers.Count >= 2 || (openers.Count == 1 && openers[0] == lines.NextNonBlank(0));
    }

    public IReadOnlyList<ImportedStory> Read(string sourceFile, SourceLines lines, ICollection<ImportProblem> problems)
    {
        var openers = FindOpeners(lines);
        var first = lines.NextNonBlank(0);
        if (openers.Count > 0 && openers[0] > first)
        {
            problems.Add(new ImportProblem(sourceFile,
                $"Text before the first byline (line {first + 1}) belongs to no post and was left out: \"{PostParts.Shorten(lines[first])}\""));
        }

        var stories = new List<ImportedStory>();
        for (var n = 0; n < openers.Count; n++)
        {
            var start = openers[n];
            var end = n + 1 < openers.Count ? openers[n + 1] : lines.Count;
            stories.Add(ReadPost(sourceFile, n + 1, lines, start, end, problems));
        }

        return stories;
    }

    private static ImportedStory ReadPost(string sourceFile, int position, SourceLines lines, int opener, int end, ICollection<ImportProblem> problems)
    {
        var authors = Bylines.PlainByline(lines[opener]) is { } names
            ? names.Select(name => new ImportedAuthor(name)).ToList()
            : [Bylines.NameRoleOrganisation(lines[opener])!];

        var bodyStart = lines.NextNonBlank(opener + 1);
        if (bodyStart < end && PostParts.IsImageCaption(lines, bodyStart))
        {
            bodyStart++;
        }

        var bodyEnd = PostParts.BodyEnd(lines, bodyStart, end);
        foreach (var stray in PostParts.UnrecognisedTrailingLines(lines, bodyEnd, end))
        {
            problems.Add(new ImportProblem(sourceFile, $"Text after post {position}'s end was left out: \"{PostParts.Shorten(stray)}\""));
        }

        var body = new List<string>();
        foreach (var line in PostParts.BodyLines(lines, bodyStart, bodyEnd))
        {
            // A lone "@handle" under the bio is the author's social handle, not prose.
            if (Handle().Match(line.Trim()) is { Success: true } handle && authors.Count == 1)
            {
                authors[0] = authors[0] with { SocialHandle = handle.Value };
                continue;
            }

            body.Add(line);
        }

        return new ImportedStory
        {
            SourceFile = sourceFile,
            Position = position,
            Title = PostParts.DeriveTitle(body),
            Authors = authors,
            Categories = PostParts.ListUnder(lines, "Categories", bodyEnd, end),
            Tags = PostParts.ListUnder(lines, "Tags", bodyEnd, end),
            BodyMarkdown = MarkdownWriter.Write(body),
        }.ReviewedFor([new ReviewReason(ReviewedFact.Title, "The series page gives no title; this one was derived from the opening sentence.")]);
    }

    private static List<int> FindOpeners(SourceLines lines)
    {
        var candidates = new List<(int Index, bool Strong)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0 && lines[i - 1].Length > 0)
            {
                continue;
            }

            if (Bylines.PlainByline(lines[i]) is not null)
            {
                candidates.Add((i, true));
            }
            else if (Bylines.NameRoleOrganisation(lines[i]) is not null)
            {
                candidates.Add((i, false));
            }
        }

        var openers = new List<int>();
        for (var c = 0; c < candidates.Count; c++)
        {
            var next = c + 1 < candidates.Count ? candidates[c + 1].Index : lines.Count;
            if (candidates[c].Strong || lines.Range(candidates[c].Index + 1, next).Sum(l => l.Length) >= MinPostLength)
            {
                openers.Add(candidates[c].Index);
            }
        }

        return openers;
    }

    [GeneratedRegex(@"^@\w{1,30}$")]
    private static partial Regex Handle();
}
