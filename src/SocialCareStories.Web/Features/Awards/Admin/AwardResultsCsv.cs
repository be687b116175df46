using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Shared;

namespace SocialCareStories.Web.Features.Awards.Admin;

/// <summary>One problem in an uploaded file. Row 1 is the header, as in the spreadsheet the file came from.</summary>
public sealed record CsvRowError(int Row, string Column, string Message);

/// <summary>One valid row and what importing it will do.</summary>
public sealed record CsvImportRow(
    int Row, string Category, bool TopAward, bool JointWinners, string Organisation, string? Project, AwardResult Result,
    string? Citation, string? PhotoCaption, int? StoryId, string? Story, int? CaseStudyId, string? CaseStudy, bool IsNew, bool IsNewOrganisation);

public sealed record CsvImportPlan(IReadOnlyList<CsvImportRow> Rows, IReadOnlyList<CsvRowError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Rows.Count > 0;
}

public sealed class AwardsCsvException(CsvImportPlan plan)
    : AwardsRuleException($"The file has {plan.Errors.Count} problem(s); nothing was imported. First: row {plan.Errors[0].Row}, {plan.Errors[0].Column}: {plan.Errors[0].Message}")
{
    public CsvImportPlan Plan { get; } = plan;
}

/// <summary>
/// A year's results as comma-separated values (RFC 4180: quoted fields may hold commas, quotes and line
/// breaks). Stories and case studies are named by slug, which stays stable when a title is reworded.
/// </summary>
public static class AwardResultsCsv
{
    public const long MaxFileBytes = 1024 * 1024;
    public const int MaxRows = 2000;

    public const string CategoryColumn = "Category";

    /// <summary>
    /// How a file writes the category a source never named (stored with an empty name), so an export imports again.
    /// An empty cell stays an error: a category someone forgot to fill in must not become the unnamed one.
    /// </summary>
    public const string UnnamedCategory = "(unnamed)";
    public const string TopAwardColumn = "Top award";
    public const string JointWinnersColumn = "Joint winners";
    public const string OrganisationColumn = "Organisation";
    public const string ProjectColumn = "Project";
    public const string ResultColumn = "Result";
    public const string CitationColumn = "Citation";
    public const string PhotoCaptionColumn = "Photo caption";
    public const string StoryColumn = "Story";
    public const string CaseStudyColumn = "Case study";

    public static IReadOnlyList<string> Columns { get; } =
        [CategoryColumn, TopAwardColumn, JointWinnersColumn, OrganisationColumn, ProjectColumn, ResultColumn, CitationColumn, PhotoCaptionColumn, StoryColumn, CaseStudyColumn];

    private static readonly string[] RequiredColumns = [CategoryColumn, OrganisationColumn, ResultColumn];

    public static string Write(AwardYear year)
    {
        var csv = new StringBuilder();
        WriteRecord(csv, Columns);
        foreach (var category in AwardsAdministration.Ordered(year))
        {
            foreach (var entry in category.Entries.OrderByDescending(e => e.Result).ThenBy(e => e.Organisation.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.ProjectName))
            {
                WriteRecord(csv,
                [
                    category.Name.Length == 0 ? UnnamedCategory : category.Name, YesNo(category.IsTopAward), YesNo(category.AllowsJointWinners), entry.Organisation.Name, entry.ProjectName ?? "",
                    AwardResults.Label(entry.Result), entry.Citation ?? "", entry.PhotoCaption ?? "", entry.Story?.Slug ?? "", entry.CaseStudy?.Slug ?? "",
                ]);
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// Reads bytes as UTF-8, with or without a byte order mark (Excel writes one). Anything else is refused
    /// rather than guessed: Excel's plain "CSV" is Windows-1252, which would turn names like Bront\u00eb into noise.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (TextFiles.WhyNotText(bytes) is { } notText)
        {
            throw new AwardsRuleException($"The file cannot be read as CSV: {notText}. In Excel, save the sheet as \"CSV UTF-8 (comma delimited)\" and upload that file.");
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new AwardsRuleException("The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (comma delimited)\" and upload it again.");
        }
    }

    /// <summary>Checks every row against the file's own rows and what the year already holds, and says what each would do.</summary>
    public static async Task<CsvImportPlan> PlanAsync(StoriesDbContext db, AwardYear year, string csv, CancellationToken cancellationToken)
    {
        var errors = new List<CsvRowError>();
        var records = Parse(csv.TrimStart('\uFEFF'), errors);
        if (errors.Count > 0)
        {
            return new([], errors);
        }

        if (records.Count == 0 || records[0].Fields.All(string.IsNullOrWhiteSpace))
        {
            return new([], [new(1, "(file)", "The file is empty: the first row must name the columns, e.g. " + string.Join(",", Columns) + ".")]);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        if (header.Count == 1 && DelimiterName(header[0]) is { } wrong)
        {
            return new([], [new(1, "(header)", $"The columns are separated by {wrong}, not commas. Save the spreadsheet as \"CSV (comma delimited)\" and upload it again.")]);
        }

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var known = Columns.FirstOrDefault(c => string.Equals(c, header[i], StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(new(1, header[i].Length == 0 ? $"column {i + 1}" : header[i], $"Unknown column. The columns are: {string.Join(", ", Columns)}."));
            }
            else if (!index.TryAdd(known, i))
            {
                errors.Add(new(1, known, "This column appears twice."));
            }
        }

        errors.AddRange(RequiredColumns.Where(c => !index.ContainsKey(c)).Select(c => new CsvRowError(1, c, "This column is missing.")));
        if (errors.Count > 0)
        {
            return new([], errors);
        }

        if (records.Count - 1 > MaxRows)
        {
            return new([], [new(MaxRows + 2, "(file)", $"The file has more than {MaxRows} rows; split it.")]);
        }

        var storySlugs = new HashSet<string>(records.Skip(1).Select(r => Cell(r, index, StoryColumn)).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var caseStudySlugs = new HashSet<string>(records.Skip(1).Select(r => Cell(r, index, CaseStudyColumn)).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var organisationNames = records.Skip(1).Select(r => Cell(r, index, OrganisationColumn)).OfType<string>().Select(Slugs.From).Distinct().ToList();
        var stories = await db.Stories.Where(s => storySlugs.Contains(s.Slug)).Select(s => new { s.Id, s.Slug }).ToDictionaryAsync(s => s.Slug, s => s.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var caseStudies = await db.CaseStudies.Where(c => caseStudySlugs.Contains(c.Slug)).Select(c => new { c.Id, c.Slug }).ToDictionaryAsync(c => c.Slug, c => c.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var knownOrganisations = (await db.Organisations.Where(o => organisationNames.Contains(o.Slug)).Select(o => o.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var rows = new List<CsvImportRow>();
        var seen = new Dictionary<(string Category, string Organisation, string Project), int>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var before = errors.Count;
            if (record.Fields.Count != header.Count)
            {
                var hint = record.Fields.Count < header.Count && record.Fields.Any(f => DelimiterName(f) is not null) ? $" It looks separated by {DelimiterName(string.Concat(record.Fields))}: use commas." : "";
                errors.Add(new(record.Row, "(row)", $"The row has {record.Fields.Count} cells but the header has {header.Count}.{hint}"));
                continue;
            }

            var category = Cell(record, index, CategoryColumn) is { } named && string.Equals(named, UnnamedCategory, StringComparison.OrdinalIgnoreCase) ? "" : Cell(record, index, CategoryColumn);
            var organisation = Cell(record, index, OrganisationColumn);
            var project = Cell(record, index, ProjectColumn);
            if (category is null)
            {
                errors.Add(new(record.Row, CategoryColumn, "The category is missing."));
            }

            if (organisation is null)
            {
                errors.Add(new(record.Row, OrganisationColumn, "The organisation is missing."));
            }
            else if (Slugs.From(organisation).Length == 0)
            {
                errors.Add(new(record.Row, OrganisationColumn, "The organisation's name needs letters or digits."));
            }

            var result = ParseResult(Cell(record, index, ResultColumn));
            if (result is null)
            {
                errors.Add(new(record.Row, ResultColumn, $"\"{Cell(record, index, ResultColumn)}\" is not a result. Use Winner, Highly commended, Shortlisted or To be announced."));
            }

            var topAward = ParseYesNo(record, index, TopAwardColumn, errors);
            var jointWinners = ParseYesNo(record, index, JointWinnersColumn, errors);
            CheckLength(record, index, CategoryColumn, 300, errors);
            CheckLength(record, index, OrganisationColumn, 200, errors);
            CheckLength(record, index, ProjectColumn, 300, errors);
            CheckLength(record, index, CitationColumn, 2000, errors);
            CheckLength(record, index, PhotoCaptionColumn, 500, errors);

            int? storyId = null;
            if (Cell(record, index, StoryColumn) is { } story)
            {
                storyId = stories.TryGetValue(story, out var id) ? id : null;
                if (storyId is null)
                {
                    errors.Add(new(record.Row, StoryColumn, $"No story has the slug \"{story}\" (the last part of its address, e.g. the-good-the-bad-and-the-ugly)."));
                }
            }

            int? caseStudyId = null;
            if (Cell(record, index, CaseStudyColumn) is { } caseStudy)
            {
                caseStudyId = caseStudies.TryGetValue(caseStudy, out var id) ? id : null;
                if (caseStudyId is null)
                {
                    errors.Add(new(record.Row, CaseStudyColumn, $"No case study has the slug \"{caseStudy}\"."));
                }
            }

            if (category is not null && organisation is not null)
            {
                var key = (category.ToUpperInvariant(), Slugs.From(organisation), (project ?? "").ToUpperInvariant());
                if (seen.TryGetValue(key, out var firstRow))
                {
                    errors.Add(new(record.Row, OrganisationColumn, $"Duplicate entry: row {firstRow} already enters {organisation}{(project is null ? "" : $" ({project})")} in \"{category}\"."));
                }
                else
                {
                    seen[key] = record.Row;
                }
            }

            if (errors.Count == before)
            {
                var existing = year.Categories.FirstOrDefault(c => string.Equals(c.Name, category, StringComparison.OrdinalIgnoreCase));
                var isNew = existing?.Entries.Any(e => e.Organisation.Slug == Slugs.From(organisation!) && string.Equals(e.ProjectName ?? "", project ?? "", StringComparison.OrdinalIgnoreCase)) != true;
                rows.Add(new(record.Row, existing?.Name ?? category!, topAward, jointWinners, organisation!, project, result!.Value,
                    Cell(record, index, CitationColumn), Cell(record, index, PhotoCaptionColumn), storyId, Cell(record, index, StoryColumn), caseStudyId,
                    Cell(record, index, CaseStudyColumn), isNew, !knownOrganisations.Contains(Slugs.From(organisation!))));
            }
        }

        if (errors.Count == 0)
        {
            CheckCategoryRules(year, rows, errors);
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(new(2, "(file)", "The file has a header but no entries."));
        }

        return new(rows, errors.OrderBy(e => e.Row).ToList());
    }

    // The year as it would be after the import: its existing entries, overwritten by the file's rows.
    private static void CheckCategoryRules(AwardYear year, List<CsvImportRow> rows, List<CsvRowError> errors)
    {
        foreach (var group in rows.GroupBy(r => r.Category, StringComparer.OrdinalIgnoreCase))
        {
            if (group.Select(r => r.TopAward).Distinct().Count() > 1 || group.Select(r => r.JointWinners).Distinct().Count() > 1)
            {
                errors.Add(new(group.First().Row, TopAwardColumn, $"The rows of \"{group.Key}\" disagree about Top award or Joint winners; give every row of a category the same values."));
                continue;
            }

            var existing = year.Categories.FirstOrDefault(c => string.Equals(c.Name, group.Key, StringComparison.OrdinalIgnoreCase));
            var untouchedWinners = existing?.Entries.Count(e => e.Result == AwardResult.Winner
                && !group.Any(r => Slugs.From(r.Organisation) == e.Organisation.Slug && string.Equals(r.Project ?? "", e.ProjectName ?? "", StringComparison.OrdinalIgnoreCase))) ?? 0;
            var winnerRows = group.Where(r => r.Result == AwardResult.Winner).ToList();
            if (!group.First().JointWinners && untouchedWinners + winnerRows.Count > 1)
            {
                var row = winnerRows.Count > 1 ? winnerRows[1] : winnerRows[0];
                errors.Add(new(row.Row, ResultColumn, $"\"{group.Key}\" would have {untouchedWinners + winnerRows.Count} winners. Only one unless Joint winners is \"yes\" for the category."));
            }
        }

        var topCategories = year.Categories.Where(c => c.IsTopAward && !rows.Any(r => string.Equals(r.Category, c.Name, StringComparison.OrdinalIgnoreCase))).Select(c => c.Name)
            .Concat(rows.Where(r => r.TopAward).Select(r => r.Category).Distinct(StringComparer.OrdinalIgnoreCase)).ToList();
        if (topCategories.Count > 1)
        {
            var row = rows.First(r => r.TopAward && string.Equals(r.Category, topCategories[^1], StringComparison.OrdinalIgnoreCase));
            errors.Add(new(row.Row, TopAwardColumn, $"Only one category of a year can be the top award; this file would make {string.Join(" and ", topCategories.Select(c => $"\"{c}\""))} both top awards."));
        }
    }

    private static string? DelimiterName(string text) =>
        text.Contains(';', StringComparison.Ordinal) ? "semicolons (;)" : text.Contains('\t', StringComparison.Ordinal) ? "tabs" : null;

    private static AwardResult? ParseResult(string? text)
    {
        var key = new string((text ?? "").Where(char.IsLetter).ToArray()).ToUpperInvariant();
        return key switch
        {
            "WINNER" => AwardResult.Winner,
            "HIGHLYCOMMENDED" => AwardResult.HighlyCommended,
            "SHORTLISTED" => AwardResult.Shortlisted,
            "NOTYETANNOUNCED" or "TOBEANNOUNCED" or "" => AwardResult.NotYetAnnounced,
            _ => null,
        };
    }

    private static bool ParseYesNo(Record record, Dictionary<string, int> index, string column, List<CsvRowError> errors)
    {
        switch (Cell(record, index, column)?.ToUpperInvariant())
        {
            case null or "NO" or "N" or "FALSE" or "0":
                return false;
            case "YES" or "Y" or "TRUE" or "1" or "X":
                return true;
            default:
                errors.Add(new(record.Row, column, $"\"{Cell(record, index, column)}\" is not yes or no."));
                return false;
        }
    }

    private static void CheckLength(Record record, Dictionary<string, int> index, string column, int maxLength, List<CsvRowError> errors)
    {
        if (Cell(record, index, column) is { } text && text.Length > maxLength)
        {
            errors.Add(new(record.Row, column, $"Too long: {text.Length} characters, at most {maxLength}."));
        }
    }

    private static string? Cell(Record record, Dictionary<string, int> index, string column) =>
        index.TryGetValue(column, out var i) && i < record.Fields.Count && record.Fields[i].Trim() is { Length: > 0 } text ? Undefused(text) : null;

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static void WriteRecord(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(f => Quote(Defused(f))));
        csv.Append("\r\n");
    }

    /// <summary>
    /// A spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (or a tab or carriage
    /// return before one) as a formula, so a citation typed as <c>=HYPERLINK(…)</c> would act on the machine of
    /// whoever opens the export (OWASP "CSV injection"). Such a cell is written with a leading apostrophe, which
    /// spreadsheets show as text, and the import takes the apostrophe off again, so a round trip changes nothing.
    /// </summary>
    private static string Defused(string field) => StartsLikeAFormula(field) ? $"'{field}" : field;

    private static string Undefused(string cell) => cell.Length > 1 && cell[0] == '\'' && StartsLikeAFormula(cell[1..]) ? cell[1..] : cell;

    /// <summary>
    /// Spreadsheets do not all read a cell as the bytes say: some fold full-width forms (<c>＝</c>) to ASCII and skip
    /// invisible characters (zero-width spaces, joiners, a byte order mark) or leading spaces and control characters.
    /// So the start of the cell is normalised (NFKC) and everything invisible is skipped before looking for the sign.
    /// </summary>
    private static bool StartsLikeAFormula(string field)
    {
        if (field.Length == 0)
        {
            return false;
        }

        if (field[0] is '\t' or '\r')
        {
            return true;
        }

        var start = field[..Math.Min(field.Length, 64)].Normalize(NormalizationForm.FormKC);
        foreach (var c in start)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            return c is '=' or '+' or '-' or '@';
        }

        return false;
    }

    // Quoted only where RFC 4180 requires it, so a file opened and saved again in a spreadsheet comes back the same.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private sealed record Record(int Row, List<string> Fields);

    /// <summary>RFC 4180 records; row numbers count records from 1 (the header), as a spreadsheet numbers them.</summary>
    private static List<Record> Parse(string text, List<CsvRowError> errors)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
                records.Add(new(records.Count + 1, fields));
                fields = [];
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (inQuotes)
        {
            errors.Add(new(records.Count + 1, "(row)", "A quoted cell is never closed: a \" is missing."));
        }
        else if (field.Length > 0 || fields.Count > 0 || fieldStarted)
        {
            fields.Add(field.ToString());
            records.Add(new(records.Count + 1, fields));
        }

        return records;
    }
}
