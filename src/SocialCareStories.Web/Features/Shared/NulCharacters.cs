namespace SocialCareStories.Web.Features.Shared;

/// <summary>
/// The one character the store's text never holds: NUL (U+0000). PostgreSQL's text type refuses it (SQLSTATE
/// 22021) where SQLite would keep it, so the portal stops it where text comes in, the same on both engines: a field
/// someone typed is refused with a message naming it, an address with one in its path or query is a bad request
/// (<see cref="Hosting.RequestLimits"/>), and a file with NUL bytes is not text (<see cref="TextFiles"/>).
/// </summary>
public static class NulCharacters
{
    public static bool In(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    public static bool InAny(IEnumerable<string?> texts) => texts.Any(In);

    public static string Without(string text) => In(text) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    /// <summary>The message for a field that holds one: it is invisible, so the message says what it is and where it comes from.</summary>
    public static string Message(string field) =>
        $"{field}: remove the invisible NUL character (U+0000) it holds; it usually comes with text pasted from another program.";
}
