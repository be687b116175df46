using System.Globalization;

namespace SocialCareStories.Web.Features.Stories;

/// <summary>What a reader wants to know before reading a story: how long it takes, and whether it changed since.</summary>
public static class ReadingFacts
{
    /// <summary>A comfortable reading pace for web text, as GOV.UK and most publishers estimate it.</summary>
    public const int WordsPerMinute = 200;

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Words divided by 200, rounded up, and at least one minute: "4 min read".</summary>
    public static int MinutesToRead(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(word => word.Any(char.IsLetterOrDigit));
        return Math.Max(1, (words + WordsPerMinute - 1) / WordsPerMinute);
    }

    public static string ReadingTime(string text) => $"{MinutesToRead(text)} min read";

    /// <summary>
    /// The day an editor last changed the story, when that is after the day it was published; a date known only to its
    /// month or year counts from that month's or year's end, so an edit on publication day never reads as an update.
    /// </summary>
    public static DateOnly? LastUpdated(PartialDate publishedOn, DateTimeOffset? editedAt)
    {
        if (editedAt is not { } edited)
        {
            return null;
        }

        var editedOn = DateOnly.FromDateTime(edited.UtcDateTime);
        DateOnly? publishedUntil = (publishedOn.Year, publishedOn.Month, publishedOn.Day) switch
        {
            ({ } y, { } m, { } d) => new DateOnly(y, m, d),
            ({ } y, { } m, null) => new DateOnly(y, m, DateTime.DaysInMonth(y, m)),
            ({ } y, null, _) => new DateOnly(y, 12, 31),
            _ => null,
        };
        return publishedUntil is null || editedOn > publishedUntil ? editedOn : null;
    }

    public static string Format(DateOnly date) => date.ToString("d MMMM yyyy", British);
}
