using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// The bylines and datelines at the top of a post, between its title and its body proper, read once for
/// every convention so that a layout never seen before still yields its authors and date.
/// </summary>
public sealed record PostHeading(IReadOnlyList<ImportedAuthor> Authors, PartialDate PublishedOn, int BodyStart, IReadOnlyList<ReviewReason> Doubts)
{
    // Sites stack at most a byline, a role line and a dateline or two; anything further down is the post.
    private const int MaxLines = 4;

    public const string NoAuthorOrDate = "The post names no author and gives no date.";

    /// <summary>
    /// Reads the heading lines from <paramref name="from"/> until the first line that is neither a byline, a
    /// role line nor a dateline. <see cref="BodyStart"/> is where the body begins: <paramref name="from"/> when
    /// the post has no heading.
    /// </summary>
    public static PostHeading Read(SourceLines lines, int from, int to)
    {
        var authors = new List<ImportedAuthor>();
        var doubts = new List<ReviewReason>();
        var postersNamedNoPerson = new List<string>();
        var dates = new List<(PartialDate Date, string Line)>();
        var bodyStart = from;
        Byline? lastByline = null;

        for (int i = lines.NextNonBlank(from), read = 0; i < to && read < MaxLines; i = lines.NextNonBlank(i + 1), read++)
        {
            var line = lines[i];
            if (lastByline is { Authors: [var only], RoleFollows: var asked } && only.Role is null
                && Bylines.RoleLine(line, asked) is var (role, organisation)
                && Bylines.Read(line) is null && Datelines.Read(line) is null)
            {
                var at = authors.FindIndex(a => a.Name == only.Name);
                authors[at] = authors[at] with { Role = role, Organisation = organisation ?? only.Organisation };
                lastByline = null;
                bodyStart = i + 1;
                continue;
            }

            lastByline = null;
            var segments = Segments(line);
            var bylines = new List<Byline>();
            var datelines = new List<Dateline>();
            foreach (var segment in segments)
            {
                if (Bylines.Read(segment) is { } byline)
                {
                    bylines.Add(byline);
                }
                else if (Datelines.Read(segment) is { } dateline)
                {
                    datelines.Add(dateline);
                }
                else
                {
                    break;
                }
            }

            if (bylines.Count + datelines.Count < segments.Count)
            {
                break;
            }

            foreach (var byline in bylines)
            {
                AddAuthors(authors, byline.Authors);
                if (byline.Doubt is not null)
                {
                    doubts.Add(new ReviewReason(ReviewedFact.Authors, byline.Doubt));
                }

                lastByline = byline;
            }

            foreach (var dateline in datelines)
            {
                ReadPoster(dateline.Who, line, authors, postersNamedNoPerson);
                if (dateline.Doubt is not null)
                {
                    doubts.Add(new ReviewReason(ReviewedFact.Date, dateline.Doubt));
                }

                if (!dateline.IsUpdate && dateline.Date != PartialDate.Unknown)
                {
                    dates.Add((dateline.Date, line.Trim()));
                }
            }

            bodyStart = i + 1;
        }

        // A user name on the dateline matters only when nothing else names the author.
        if (authors.Count == 0)
        {
            doubts.AddRange(postersNamedNoPerson.Select(note => new ReviewReason(ReviewedFact.Authors, note)));
        }

        var date = Agreed(dates, doubts);
        if (authors.Count == 0 && date == PartialDate.Unknown)
        {
            doubts.Add(new ReviewReason(ReviewedFact.AuthorsOrDate, NoAuthorOrDate));
        }

        return new PostHeading(authors, date, bodyStart, doubts);
    }

    // "By Jane Smith | 3 October 2019": one line can carry a byline and a dateline side by side.
    private static List<string> Segments(string line) =>
        line.Split([" | ", " · ", " • "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static void AddAuthors(List<ImportedAuthor> authors, IEnumerable<ImportedAuthor> found)
    {
        foreach (var author in found)
        {
            var same = authors.FindIndex(a => a.Name.Equals(author.Name, StringComparison.OrdinalIgnoreCase));
            if (same < 0)
            {
                authors.Add(author);
            }
            else if (authors[same].Role is null && authors[same].Organisation is null)
            {
                authors[same] = author;
            }
        }
    }

    private static void ReadPoster(string? who, string line, List<ImportedAuthor> authors, List<string> postersNamedNoPerson)
    {
        if (who is null || Bylines.IsDesk(who))
        {
            return;
        }

        if (Bylines.IsPersonName(who))
        {
            AddAuthors(authors, [new ImportedAuthor(who)]);
        }
        else
        {
            postersNamedNoPerson.Add($"The dateline '{PostParts.Shorten(line)}' names '{who}', which is not a person's name.");
        }
    }

    // Two datelines may agree ("June 14th" and "14 June 2019"); when they do not, the first stands and an editor decides.
    private static PartialDate Agreed(List<(PartialDate Date, string Line)> dates, List<ReviewReason> doubts)
    {
        if (dates.Count == 0)
        {
            return PartialDate.Unknown;
        }

        var agreed = dates[0].Date;
        foreach (var (date, line) in dates.Skip(1))
        {
            if (!Compatible(agreed, date))
            {
                doubts.Add(new ReviewReason(ReviewedFact.Date,
                    $"The top of the post gives two different dates, '{PostParts.Shorten(dates[0].Line)}' and '{PostParts.Shorten(line)}'; the first was kept."));
                return dates[0].Date;
            }

            agreed = new PartialDate(agreed.Year ?? date.Year, agreed.Month ?? date.Month, agreed.Day ?? date.Day);
        }

        return agreed;
    }

    private static bool Compatible(PartialDate a, PartialDate b) =>
        (a.Year is null || b.Year is null || a.Year == b.Year)
        && (a.Month is null || b.Month is null || a.Month == b.Month)
        && (a.Day is null || b.Day is null || a.Day == b.Day);
}
