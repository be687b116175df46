using SocialCareStories.Web.Features.Import;

namespace SocialCareStories.Web.Tests.Features.Import;

/// <summary>Runs the parser over a small text written in a test.</summary>
internal static class ImportText
{
    public const string SourceFile = "sample.txt";

    public static ImportParseResult Parse(string text) => new SourceDocumentParser().ParseText(SourceFile, text);

    /// <summary>The one story a single-post text yields.</summary>
    public static ImportedStory OnlyStory(string text) => Assert.Single(Parse(text).Stories);

    /// <summary>How often <paramref name="part"/> occurs in <paramref name="text"/>.</summary>
    public static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
