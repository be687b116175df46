using System.Text.RegularExpressions;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>
/// Every reading page of the seeded store, read for what curation and scraping leave behind: placeholders, separators
/// after nothing, footnote markers glued to words, Markdown or escapes in text a reader sees.
/// </summary>
public sealed partial class NoArtefactsOnPublicPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Pages() =>
    [
        "/", "/stories", "/case-studies", "/awards", "/awards/2015", "/search?q=care", "/search?q=workforce", "/search?q=calderdale",
        "/organisations/stockport-council", "/organisations/leeds-city-council",
        "/stories/the-good-the-bad-and-the-ugly", "/stories/speak-up-at-the-back-there", "/stories/workforce-retention",
        "/stories/if-its-good-enough-for-mo-farah", "/stories/getting-it-right-from-the-start", "/stories/what-is-integration-for",
        "/stories/ethics-alive-the-ethics-of-socbots-imagining-siri-and-alexa-as-the-next",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_reading_page_shows_no_curation_placeholder_or_scraping_artefact(string path)
    {
        var document = await portal.CreateClient().GetDocumentAsync(path);
        var main = Whitespace().Replace(document.QuerySelector("main")!.TextContent, " ");

        Assert.DoesNotContain("not recorded", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\\'", main, StringComparison.Ordinal);
        Assert.DoesNotMatch(GluedFootnote(), main);
        Assert.DoesNotMatch(MarkdownLeftover(), main);
        Assert.All(document.QuerySelectorAll(".story-meta, .award-badge"), meta =>
        {
            var text = Whitespace().Replace(meta.TextContent, " ").Trim();
            Assert.False(text.StartsWith('·') || text.EndsWith('·') || text.Contains("· ·", StringComparison.Ordinal), $"\"{text}\" has a separator with nothing on one side.");
        });
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // "workforce[2]The": a marker with a word glued after it.
    [GeneratedRegex(@"\[(\d{1,3}|[ivx]{1,6})\]\p{L}")]
    private static partial Regex GluedFootnote();

    // Link or image syntax, or an escape, in what should be text.
    [GeneratedRegex(@"\]\(|!\[|\\[\[\]*_#]")]
    private static partial Regex MarkdownLeftover();
}
