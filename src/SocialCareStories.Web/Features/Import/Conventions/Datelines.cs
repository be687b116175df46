using System.Globalization;
using System.Text.RegularExpressions;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// The lines sites print at the top of a post to date it: "Posted on 3 October 2019 by Newsdesk",
/// "Published: 3 October 2019", "June 14th", "2019-10-03", "03/10/2019" (UK order).
/// </summary>
public static partial class Datelines
{
    /// <summary>
    /// Reads a line that is only a dateline, or null when the line is something else. A dateline whose date
    /// cannot be read whole is still a dateline (the site's chrome, not prose), with a doubt saying why.
    /// </summary>
    public static Dateline? Read(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.Length > 120)
        {
            return null;
        }

        if (PostedByOn().Match(text) is { Success: true } byOn)
        {
            return Dateline(byOn, text, labelled: true);
        }

        if (Labelled().Match(text) is { Success: true } labelled && !labelled.Groups["date"].Value.StartsWith("in ", StringComparison.OrdinalIgnoreCase))
        {
            return Dateline(labelled, text, labelled: true);
        }

        return Unlabelled().Match(text) is { Success: true } bare ? Dateline(bare, text, labelled: false) : null;
    }

    /// <summary>
    /// Reads text that is a date and nothing else. Null when it is not a date at all; a reading with a doubt when it
    /// looks like one but cannot be read whole (a day the month does not have, a two-digit year, a month-first order).
    /// </summary>
    public static DateReading? ReadDate(string text)
    {
        var value = Trailing().Replace(text.Trim(), "");
        if (Iso().Match(value) is { Success: true } iso)
        {
            return Checked(value, Number(iso, "year"), Number(iso, "month"), Number(iso, "day"));
        }

        if (Numeric().Match(value) is { Success: true } numeric)
        {
            return ReadNumeric(value, numeric);
        }

        var words = DayMonthYear().Match(value);
        if (!words.Success)
        {
            words = MonthDayYear().Match(value);
        }

        // A month alone ("May") is a word, not a date.
        if (words.Success && (words.Groups["day"].Success || words.Groups["year"].Success)
            && PartialDateParser.MonthNumber(words.Groups["month"].Value.TrimEnd('.')) is { } month)
        {
            int? day = words.Groups["day"].Success ? Number(words, "day") : null;
            return Checked(value, words.Groups["year"].Success ? Number(words, "year") : null, month, day);
        }

        return null;
    }

    private static Dateline? Dateline(Match match, string line, bool labelled)
    {
        var dateText = match.Groups["date"].Value;
        var who = match.Groups["who"].Success ? match.Groups["who"].Value.Trim() : null;
        var isUpdate = match.Groups["label"].Value.Contains("pdated", StringComparison.OrdinalIgnoreCase);
        if (ReadDate(dateText) is { } reading)
        {
            return new Dateline(reading.Date, who, reading.Doubt is null ? null : $"The dateline '{PostParts.Shorten(line)}' {reading.Doubt}.", isUpdate);
        }

        // Only a labelled line that tried to give a date is the site's dateline; "Published today, the report…" is prose.
        return labelled && dateText.Length <= 40 && LooksLikeADate().IsMatch(dateText)
            ? new Dateline(PartialDate.Unknown, who, $"The dateline '{PostParts.Shorten(line)}' gives a date that could not be read.", isUpdate)
            : null;
    }

    private static DateReading ReadNumeric(string text, Match numeric)
    {
        var first = Number(numeric, "first");
        var second = Number(numeric, "second");
        var yearText = numeric.Groups["year"].Value;
        if (yearText.Length == 2)
        {
            var withoutYear = Checked(text, null, second, first);
            return withoutYear with { Doubt = withoutYear.Doubt ?? "writes the year with two digits, so only the day and month were kept" };
        }

        var year = int.Parse(yearText, CultureInfo.InvariantCulture);
        if (second > 12 && first <= 12)
        {
            return new DateReading(PartialDate.Unknown, "reads as month-first (US) order, so the date was left for an editor");
        }

        return Checked(text, year, second, first);
    }

    private static DateReading Checked(string text, int? year, int? month, int? day)
    {
        if (month is < 1 or > 12 || year is < 1900 or > 2100)
        {
            return new DateReading(PartialDate.Unknown, $"gives '{text}', which is not a date");
        }

        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year ?? 2000, month!.Value)))
        {
            return new DateReading(PartialDate.Unknown, $"gives '{text}', a day that month does not have");
        }

        return new DateReading(new PartialDate(year, month, day), null);
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private const string Weekday = @"(?:(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thur|Thurs|Fri|Sat|Satur|Sun)(?:day)?\.?,?\s+)?";

    private const string Who = @"(?:,?\s+by\s+(?<who>[^|]+?))?(?:\s+in\s+(?<where>[^|]+?))?";

    [GeneratedRegex(@"^(?<label>Posted|Published|First published|Updated|Last updated|Date|Dated|Created)(?:\s+on)?\s*:?\s*(?<date>[^|]+?)" + Who + @"\.?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"^(?<label>Posted|Published|Written)\s+by\s+(?<who>[^|]+?)\s+on\s+(?<date>[^|]+?)(?:\s+in\s+(?<where>[^|]+?))?\.?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PostedByOn();

    [GeneratedRegex(@"^(?<date>[^|]+?)" + Who + @"$", RegexOptions.CultureInvariant)]
    private static partial Regex Unlabelled();

    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?<first>\d{1,2})[/.\-](?<second>\d{1,2})[/.\-](?<year>\d{4}|\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    [GeneratedRegex("^" + Weekday + @"(?:the\s+)?(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<month>[A-Za-z]{3,9}\.?)(?:,?\s+(?<year>\d{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex("^" + Weekday + @"(?<month>[A-Za-z]{3,9}\.?)(?:\s+(?<day>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?<year>\d{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();

    // A time after the date ("3 October 2019 at 10:15am", "2019-10-03 09:30") says nothing the portal keeps.
    [GeneratedRegex(@"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|AM|PM)?|T\d{2}:\d{2}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Trailing();

    [GeneratedRegex(@"\d|\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeADate();
}

/// <summary>A date read from text, or why it could only be half read (then the date holds only what was sure).</summary>
public sealed record DateReading(PartialDate Date, string? Doubt);

/// <summary>
/// A dateline: its date, whoever it says posted it ("Newsdesk", "Jane Smith", "jsmith"), and a doubt in plain
/// words when the date could not be read whole. An update date never stands for the publication date.
/// </summary>
public sealed record Dateline(PartialDate Date, string? Who, string? Doubt, bool IsUpdate);
