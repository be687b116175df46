using AngleSharp.Dom;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>Reading an A–Z index page (/tags, /authors, /organisations) as a reader sees it.</summary>
public static class IndexPages
{
    /// <summary>Each entry's name, address and story count text, in page order.</summary>
    public static IReadOnlyList<(string Name, string Href, string Count)> Entries(IDocument document) =>
        document.QuerySelectorAll(".index-list > li")
            .Select(li => (li.QuerySelector("a")!.TextContent, li.QuerySelector("a")!.GetAttribute("href")!, li.QuerySelector(".count")!.TextContent))
            .ToList();

    public static string CountText(int stories) => stories == 1 ? "1 story" : $"{stories} stories";

    /// <summary>Every entry sits under the heading of its name's first letter, and the headings run A to Z.</summary>
    public static void AssertGroupedByFirstLetter(IDocument document)
    {
        var letters = new List<string>();
        foreach (var section in document.QuerySelectorAll("section.index-letter"))
        {
            var letter = section.QuerySelector("h2")!.TextContent;
            letters.Add(letter);
            Assert.All(section.QuerySelectorAll(".index-list a"), a =>
                Assert.Equal(letter, char.ToUpperInvariant(a.TextContent.TrimStart()[0]).ToString()));
        }

        Assert.NotEmpty(letters);
        Assert.Equal(letters.Order(StringComparer.Ordinal), letters);
    }

    /// <summary>Every link in the letter jump list lands on a heading of this page, through the page's own address.</summary>
    public static void AssertJumpListLandsOnHeadings(IDocument document, string path)
    {
        var jumps = document.QuerySelectorAll(".letter-jump a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(jumps);
        Assert.All(jumps, href =>
        {
            Assert.StartsWith(path + "#", href, StringComparison.Ordinal);
            Assert.Equal("H2", document.GetElementById(href[(path.Length + 1)..])?.TagName);
        });
    }
}
