using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>Fetching a page over HTTP and the checks every public page should pass.</summary>
public static class HtmlPages
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string path) =>
        Parser.ParseDocument(await client.GetStringAsync(new Uri(path, UriKind.Relative)));

    /// <summary>One h1, and no heading more than one level below the one before it (h2 straight to h4 fails).</summary>
    public static void AssertHeadingsInOrder(IDocument document)
    {
        Assert.Single(document.QuerySelectorAll("h1"));
        var levels = document.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"Heading h{levels[i]} follows h{levels[i - 1]}.");
        }
    }

    public static string? Canonical(IDocument document) => document.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
}
