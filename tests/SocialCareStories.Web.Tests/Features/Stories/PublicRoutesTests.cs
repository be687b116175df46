using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>What every public page has, page type by page type, over the freshly seeded store.</summary>
public sealed class PublicRoutesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> PublicPages => new()
    {
        "/",
        "/stories",
        "/stories?kind=news",
        "/stories?category=social-care&year=2016",
        "/stories/speak-up-at-the-back-there",
        "/categories",
        "/categories/social-care",
        "/categories/leadership-and-management-workforce-recruitment-and-retention",
        "/tags/fabulous-stuff",
        "/stories?sector=leadership-and-management&theme=leadership-and-management-workforce-recruitment-and-retention&year=2017",
        "/authors/richard-banks",
        "/organisations/certitude",
        "/tags",
        "/authors",
        "/organisations",
        "/case-studies/we-care-academy",
    };

    private async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string path)
    {
        var response = await portal.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_public_page_has_one_h1_its_own_title_a_description_and_a_canonical_address(string path)
    {
        var (response, document) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.EndsWith("SocialCareStories", document.Title, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector("meta[name=description]")?.GetAttribute("content")));
        var canonical = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
        Assert.True(Uri.TryCreate(canonical, UriKind.Absolute, out _), $"canonical '{canonical}' is not absolute");
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_public_page_has_a_skip_link_to_its_main_landmark_and_labelled_navigation(string path)
    {
        var (_, document) = await GetAsync(path);

        // The page's own address, because <base href="/"> would send a bare "#main" to the home page.
        Assert.Equal(path + "#main", document.QuerySelector("a.skip-link")?.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("main#main"));
        Assert.All(document.QuerySelectorAll("nav"), nav => Assert.False(string.IsNullOrEmpty(nav.GetAttribute("aria-label"))));
        Assert.All(document.QuerySelectorAll("select, input:not([type=hidden])"), control =>
            Assert.NotNull(document.QuerySelector($"label[for='{control.Id}']")));
    }

    [Theory]
    [InlineData("/stories/no-such-story")]
    [InlineData("/categories/no-such-category")]
    [InlineData("/tags/no-such-tag")]
    [InlineData("/authors/no-such-author")]
    [InlineData("/organisations/no-such-organisation")]
    [InlineData("/case-studies/no-such-case-study")]
    [InlineData("/no/such/page")]
    public async Task An_unknown_address_is_a_real_404_page_without_a_stack_trace(string path)
    {
        var (response, document) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("We could not find that page", document.QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain("Exception", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_page_carries_open_graph_tags_and_links_its_categories_and_tags()
    {
        var (_, document) = await GetAsync("/stories/the-good-the-bad-and-the-ugly");

        Assert.Equal("article", document.QuerySelector("meta[property='og:type']")?.GetAttribute("content"));
        Assert.Equal("The good, the bad and the ugly", document.QuerySelector("meta[property='og:title']")?.GetAttribute("content"));
        var links = document.QuerySelectorAll(".story-footer a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/categories/leadership-and-management-workforce-recruitment-and-retention", links);
        Assert.Contains("/tags/fabulous-stuff", links);
    }

    [Fact]
    public async Task A_story_behind_an_award_says_so()
    {
        var (_, document) = await GetAsync("/stories/the-good-the-bad-and-the-ugly");

        Assert.Contains("Accolades winner 2015", document.QuerySelector(".award-badge")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_lists_related_stories_that_share_its_categories_or_tags()
    {
        var (_, document) = await GetAsync("/stories/workforce-retention");

        var related = document.QuerySelectorAll(".related h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(related);
        Assert.DoesNotContain("/stories/workforce-retention", related);
        Assert.Contains("/stories/support-the-workforce-dont-blame-the-families", related);
    }

    [Theory]
    [InlineData("/stories?kind=news", 1)]
    [InlineData("/stories?kind=blog-post", 15)]
    [InlineData("/stories?year=2017", 1)]
    [InlineData("/stories?collection=fabulous-stuff", 1)]
    [InlineData("/stories?tag=fabulous-stuff", 1)]
    [InlineData("/stories?sector=social-care", 16)]
    [InlineData("/stories?kind=case-study", 6)]
    [InlineData("/stories?category=acute&kind=news", 0)]
    [InlineData("/authors/richard-banks", 2)]
    [InlineData("/organisations/certitude", 1)]
    public async Task Filters_narrow_the_stories_and_each_has_its_own_address(string path, int expected)
    {
        var (_, document) = await GetAsync(path);

        Assert.Equal(expected, document.QuerySelectorAll("ul.story-list > li").Length);
    }

    [Fact]
    public async Task A_sector_page_includes_its_themes_stories_under_a_breadcrumb()
    {
        var (_, document) = await GetAsync("/categories/leadership-and-management-workforce-recruitment-and-retention");

        Assert.Equal("Leadership and Management › Workforce: recruitment and retention", document.QuerySelector("h1")?.TextContent);
        var crumbs = document.QuerySelectorAll(".breadcrumbs a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Categories", "Leadership and Management"], crumbs);
        var (_, sector) = await GetAsync("/categories/leadership-and-management");
        var themeStories = document.QuerySelectorAll("ul.story-list h3 a").Select(a => a.GetAttribute("href")).ToList();
        var sectorStories = sector.QuerySelectorAll("ul.story-list h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(themeStories);
        Assert.Subset(sectorStories.ToHashSet(), themeStories.ToHashSet());
    }

    [Fact]
    public async Task The_home_page_shows_featured_and_latest_stories_the_accolades_winners_and_the_sectors_with_counts()
    {
        var (_, document) = await GetAsync("/");

        Assert.NotEmpty(document.QuerySelectorAll("section[aria-labelledby=featured-heading] .story-card"));
        Assert.Equal(6, document.QuerySelectorAll("section[aria-labelledby=latest-heading] .story-card").Length);
        Assert.Contains("Leeds City Council", document.QuerySelector("section[aria-labelledby=awards-heading]")?.TextContent, StringComparison.Ordinal);
        var sectors = document.QuerySelectorAll(".sector-grid a").Select(a => a.TextContent).ToList();
        Assert.Contains("Social Care", sectors);
        Assert.Equal(7, sectors.Count);
        Assert.NotNull(document.QuerySelector("form[role=search] input[name=q]"));
    }

    [Fact]
    public async Task An_anonymous_reader_is_served_cached_pages_without_cookies()
    {
        var client = portal.CreateClient();
        await client.GetAsync(new Uri("/categories", UriKind.Relative));

        var response = await client.GetAsync(new Uri("/categories", UriKind.Relative));

        Assert.True(response.Headers.Age.HasValue, "the second request was not served from the output cache");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
