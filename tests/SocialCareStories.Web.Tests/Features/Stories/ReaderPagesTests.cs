using System.Net;
using AngleSharp.Html.Parser;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>The plain reading pages over a freshly seeded store, fetched over HTTP.</summary>
public sealed class ReaderPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task The_stories_page_lists_every_seeded_story_with_a_link()
    {
        var document = Parser.ParseDocument(await portal.CreateClient().GetStringAsync(new Uri("/stories", UriKind.Relative)));

        var links = document.QuerySelectorAll("ul.story-list h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(16, links.Count);
        Assert.All(links, href => Assert.StartsWith("/stories/", href, StringComparison.Ordinal));
        Assert.Single(document.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task A_story_page_shows_its_title_authors_body_and_approved_comments()
    {
        var document = Parser.ParseDocument(await portal.CreateClient().GetStringAsync(new Uri("/stories/speak-up-at-the-back-there", UriKind.Relative)));

        Assert.Equal("Speak up at the back there", document.QuerySelector("h1")?.TextContent);
        Assert.Contains("Debbie Sorkin", document.QuerySelector(".story-meta")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/authors/debbie-sorkin", document.QuerySelector(".story-meta a")?.GetAttribute("href"));
        Assert.Contains("Adult social care must have done a terrible thing", document.QuerySelector(".story-body")?.TextContent, StringComparison.Ordinal);
        var commenters = document.QuerySelectorAll(".comment .comment__author").Select(h => h.TextContent).ToList();
        Assert.Equal(["Bob Ferguson", "A reader", "Jonny Landau"], commenters);
    }

    [Fact]
    public async Task A_story_body_carries_no_site_chrome()
    {
        var html = await portal.CreateClient().GetStringAsync(new Uri("/stories/social-care-professionals-urged-to-lead-big-society", UriKind.Relative));
        var body = Parser.ParseDocument(html).QuerySelector(".story-body")!.TextContent;

        Assert.DoesNotContain("Comments are closed", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Keep up to date", body, StringComparison.Ordinal);
        Assert.Contains("Can the workforce deliver the vision?", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_story_is_a_real_404_page()
    {
        var response = await portal.CreateClient().GetAsync(new Uri("/stories/no-such-story", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_page_has_breadcrumbs_its_reading_time_and_share_links_that_load_nothing_from_elsewhere()
    {
        var document = Parser.ParseDocument(await portal.CreateClient().GetStringAsync(new Uri("/stories/speak-up-at-the-back-there", UriKind.Relative)));

        Assert.Equal(["/", "/stories"], document.QuerySelectorAll(".breadcrumbs a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Speak up at the back there", document.QuerySelector(".breadcrumbs [aria-current=page]")?.TextContent);
        Assert.Matches(@"^\d+ min read$", document.QuerySelector(".story-facts span")?.TextContent);
        var share = document.QuerySelectorAll(".share-links a").ToList();
        Assert.Equal(["Share by Email", "Share on LinkedIn", "Share on X (Twitter)", "Share on Facebook", "Share on WhatsApp"], share.Select(a => a.TextContent));
        var address = Uri.EscapeDataString("http://localhost/stories/speak-up-at-the-back-there");
        Assert.All(share, a => Assert.Contains(address, a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Empty(document.QuerySelectorAll("script, iframe"));
        HtmlPages.AssertHeadingsInOrder(document);
    }

    [Theory]
    [InlineData("/stories")]
    [InlineData("/search?q=care")]
    [InlineData("/tags/fabulous-stuff")]
    public async Task A_listing_names_its_stories_with_a_heading_before_their_cards_headings(string path)
    {
        var document = Parser.ParseDocument(await portal.CreateClient().GetStringAsync(new Uri(path, UriKind.Relative)));

        HtmlPages.AssertHeadingsInOrder(document);
    }
}
