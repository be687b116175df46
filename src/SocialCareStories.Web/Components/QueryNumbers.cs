using System.Globalization;

namespace SocialCareStories.Web.Components;

/// <summary>
/// Numbers from the query string (?page=, ?year=). Blazor's [SupplyParameterFromQuery] throws on a value it cannot
/// convert to an int, which made "/stories?page=abc" a server error (found by the XSS corpus): pages take the raw
/// text and read it here, so anything that is not a plain non-negative number counts as not given.
/// </summary>
public static class QueryNumbers
{
    public static int? From(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
