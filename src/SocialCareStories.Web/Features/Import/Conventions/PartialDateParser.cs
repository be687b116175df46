using System.Globalization;
using System.Text.RegularExpressions;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>Reads the dates scraped pages print ("February 9th", "the 9th March 2017", "9 March 2017") without inventing what they leave out.</summary>
public static partial class PartialDateParser
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    public static PartialDate Parse(string text)
    {
        var match = DayMonthYear().Match(text);
        if (!match.Success)
        {
            match = MonthDayYear().Match(text);
        }

        if (!match.Success)
        {
            return PartialDate.Unknown;
        }

        var month = MonthNumber(match.Groups["month"].Value);
        if (month is null)
        {
            return PartialDate.Unknown;
        }

        int? year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var daysInMonth = DateTime.DaysInMonth(year ?? 2000, month.Value);
        return day < 1 || day > daysInMonth ? PartialDate.Unknown : new PartialDate(year, month, day);
    }

    /// <summary>The month a name or its abbreviation ("Oct", "Sept") stands for.</summary>
    public static int? MonthNumber(string name)
    {
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (MonthNames[i].StartsWith(name, StringComparison.OrdinalIgnoreCase) && name.Length >= 3)
            {
                return i + 1;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<month>[A-Za-z]{3,9})\.?(?:,?\s+(?<year>\d{4}))?\b", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b(?<month>[A-Za-z]{3,9})\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<year>\d{4}))?\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();
}
