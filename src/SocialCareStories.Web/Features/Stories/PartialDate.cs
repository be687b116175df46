using System.Globalization;

namespace SocialCareStories.Web.Features.Stories;

/// <summary>
/// A date that may lack its year, month or day: scraped posts often say "February 9th" and nothing more,
/// and the portal must not invent the rest.
/// </summary>
public sealed record PartialDate(int? Year, int? Month, int? Day)
{
    public static readonly PartialDate Unknown = new(null, null, null);

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public bool IsComplete => Year is not null && Month is not null && Day is not null;

    public DateOnly? AsDate => IsComplete ? new DateOnly(Year!.Value, Month!.Value, Day!.Value) : null;

    public static PartialDate From(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>The ISO form when complete (yyyy-mm-dd), otherwise null.</summary>
    public string? ToIsoString() => AsDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The date as readers see it, wherever it is shown. A date without its year says so, because "9 February"
    /// alone reads as this year's; a day with no month means nothing to a reader, so it gives "".
    /// </summary>
    public override string ToString()
    {
        var month = Month is { } m ? British.DateTimeFormat.GetMonthName(m) : null;
        return (Year, month, Day) switch
        {
            ({ } y, { } mo, { } d) => $"{d} {mo} {y}",
            (null, { } mo, { } d) => $"{d} {mo} {NoYear}",
            ({ } y, { } mo, null) => $"{mo} {y}",
            ({ } y, null, _) => y.ToString(CultureInfo.InvariantCulture),
            (null, { } mo, null) => $"{mo} {NoYear}",
            _ => "",
        };
    }

    private const string NoYear = "(year not given)";
}
