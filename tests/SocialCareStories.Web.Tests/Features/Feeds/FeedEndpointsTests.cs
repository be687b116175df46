using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Feeds.FeedXml;

namespace SocialCareStories.Web.Tests.Features.Feeds;

/// <summary>The feeds, sitemap and robots.txt of a freshly seeded portal, fetched over HTTP.</summary>
public sealed class FeedEndpointsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_site_feed_is_an_atom_feed_of_every_seeded_story()
    {
        var (feed, contentType) = await GetAsync(portal.CreateClient(), "/feed.xml");

        Assert.Equal("application/atom+xml", contentType?.MediaType);
        Assert.Equal("utf-8", contentType?.CharSet);
        Assert.Equal(Atom + "feed", feed.Root!.Name);
        Assert.Equal(16, Entries(feed).Count);
    }

    [Fact]
    public async Task The_feed_names_itself_with_an_id_title_updated_time_author_and_absolute_self_and_alternate_links()
    {
        var (feed, _) = await GetAsync(portal.CreateClient(), "/feed.xml");
        var root = feed.Root!;

        Assert.Equal("http://localhost/feed.xml", root.Element(Atom + "id")?.Value);
        Assert.Equal("SocialCareStories", root.Element(Atom + "title")?.Value);
        Assert.True(IsRfc3339(root.Element(Atom + "updated")!.Value));
        Assert.Equal("SocialCareStories", root.Element(Atom + "author")?.Element(Atom + "name")?.Value);
        var links = root.Elements(Atom + "link").ToDictionary(l => l.Attribute("rel")!.Value, l => l.Attribute("href")!.Value);
        Assert.Equal("http://localhost/feed.xml", links["self"]);
        Assert.Equal("http://localhost/", links["alternate"]);
    }

    [Fact]
    public async Task Every_entry_has_a_unique_id_a_title_a_link_an_rfc3339_updated_time_an_author_and_a_summary()
    {
        var (feed, _) = await GetAsync(portal.CreateClient(), "/feed.xml");
        var feedHasAuthor = feed.Root!.Elements(Atom + "author").Any(a => a.Element(Atom + "name")?.Value.Length > 0);

        Assert.All(Entries(feed), entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "id")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value));
            Assert.StartsWith("http://localhost/stories/", entry.Element(Atom + "link")?.Attribute("href")?.Value, StringComparison.Ordinal);
            Assert.True(IsRfc3339(entry.Element(Atom + "updated")!.Value), entry.Element(Atom + "updated")!.Value);
            Assert.True(feedHasAuthor || entry.Elements(Atom + "author").Any());
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "summary")?.Value));
            Assert.All(entry.Elements(Atom + "published"), published => Assert.True(IsRfc3339(published.Value), published.Value));
        });
        Assert.Equal(16, Entries(feed).Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }

    [Fact]
    public async Task A_story_with_a_complete_date_and_a_byline_carries_them_into_its_entry()
    {
        var (feed, _) = await GetAsync(portal.CreateClient(), "/feed.xml");

        var entry = Entries(feed).Single(e => StorySlug(e) == "sometimes-being-invisible-isnt-helpful");
        Assert.Equal("2021-09-19T00:00:00Z", entry.Element(Atom + "published")?.Value);
        Assert.Equal("Jim Thomas", entry.Element(Atom + "author")?.Element(Atom + "name")?.Value);
        Assert.Contains(entry.Elements(Atom + "category"), c => c.Attribute("term")?.Value == "social-care");
        Assert.Equal("html", entry.Element(Atom + "content")?.Attribute("type")?.Value);
        Assert.Contains("<p>", entry.Element(Atom + "content")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_address_in_the_feed_is_absolute()
    {
        var (feed, _) = await GetAsync(portal.CreateClient(), "/feed.xml");

        var addresses = feed.Descendants(Atom + "link").Select(l => l.Attribute("href")!.Value)
            .Concat(feed.Descendants(Atom + "uri").Select(u => u.Value))
            .Concat(feed.Descendants(Atom + "category").Select(c => c.Attribute("scheme")!.Value))
            .ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, address => Assert.True(IsAbsoluteHttp(address), address));
    }

    [Fact]
    public async Task A_category_feed_holds_exactly_the_published_stories_of_the_category_and_its_children()
    {
        var (feed, contentType) = await GetAsync(portal.CreateClient(), "/categories/social-care/feed.xml");

        Assert.Equal("application/atom+xml", contentType?.MediaType);
        Assert.Equal("http://localhost/categories/social-care/feed.xml", feed.Root!.Element(Atom + "id")?.Value);
        var expected = await StoriesUnderAsync("social-care");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), Entries(feed).Select(StorySlug).Order());
    }

    [Fact]
    public async Task An_unknown_category_has_no_feed()
    {
        var response = await portal.CreateClient().GetAsync(new Uri("/categories/no-such-category/feed.xml", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_sitemap_lists_the_fixed_pages_every_published_story_and_the_pages_that_have_stories()
    {
        var (sitemap, contentType) = await GetAsync(portal.CreateClient(), "/sitemap.xml");

        Assert.Equal("application/xml", contentType?.MediaType);
        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        var locations = SitemapLocations(sitemap);
        Assert.Subset(locations.ToHashSet(), new HashSet<string>
        {
            "http://localhost/", "http://localhost/stories", "http://localhost/categories", "http://localhost/tags", "http://localhost/authors",
            "http://localhost/organisations", "http://localhost/case-studies", "http://localhost/awards",
            "http://localhost/categories/social-care", "http://localhost/categories/leadership-and-management-workforce-recruitment-and-retention",
            "http://localhost/tags/fabulous-stuff", "http://localhost/authors/debbie-sorkin", "http://localhost/awards/2015",
        });
        var storySlugs = await PublishedStorySlugsAsync();
        Assert.Equal(16, storySlugs.Count);
        Assert.All(storySlugs, slug => Assert.Contains($"http://localhost/stories/{slug}", locations));
        Assert.Equal(locations.Count, locations.Distinct().Count());
        Assert.Contains(locations, l => l.StartsWith("http://localhost/organisations/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_story_in_the_sitemap_has_an_absolute_address_and_a_last_modified_time()
    {
        var (sitemap, _) = await GetAsync(portal.CreateClient(), "/sitemap.xml");

        var urls = sitemap.Root!.Elements(Sitemap + "url").ToList();
        Assert.All(urls, url => Assert.True(IsAbsoluteHttp(url.Element(Sitemap + "loc")!.Value)));
        var stories = urls.Where(u => u.Element(Sitemap + "loc")!.Value.StartsWith("http://localhost/stories/", StringComparison.Ordinal)).ToList();
        Assert.Equal(16, stories.Count);
        Assert.All(stories, story => Assert.True(IsRfc3339(story.Element(Sitemap + "lastmod")!.Value)));
    }

    [Fact]
    public async Task Robots_txt_allows_readers_keeps_crawlers_out_of_admin_and_names_the_sitemap()
    {
        var response = await portal.CreateClient().GetAsync(new Uri("/robots.txt", UriKind.Relative));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Disallow: /admin", lines);
        Assert.Contains("Disallow: /Account", lines);
        Assert.DoesNotContain("Disallow: /", lines);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", lines);
    }

    private async Task<IReadOnlyList<string>> StoriesUnderAsync(string categorySlug)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var ids = await CategoryTree.SelfAndDescendantIdsAsync(db, categorySlug, CancellationToken.None);
        return await db.Stories.Where(s => s.Status == StoryStatus.Published && s.Categories.Any(c => ids.Contains(c.Id))).Select(s => s.Slug).ToListAsync();
    }

    private async Task<IReadOnlyList<string>> PublishedStorySlugsAsync()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        return await db.Stories.Where(s => s.Status == StoryStatus.Published).Select(s => s.Slug).ToListAsync();
    }

    [Fact]
    public async Task Every_feed_names_the_stylesheet_that_shows_it_as_a_page_in_a_browser()
    {
        using var client = portal.CreateClient();
        foreach (var path in new[] { "/feed.xml", "/categories/social-care/feed.xml" })
        {
            var text = await client.GetStringAsync(new Uri(path, UriKind.Relative));

            var instruction = System.Xml.Linq.XDocument.Parse(text).Nodes().OfType<System.Xml.Linq.XProcessingInstruction>().Single();
            Assert.Equal(("xml-stylesheet", "type=\"text/xsl\" href=\"/feed.xsl\""), (instruction.Target, instruction.Data));
        }

        using var stylesheet = await client.GetAsync(new Uri("/feed.xsl", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.Contains("xsl:stylesheet", await stylesheet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_gets_the_feed_as_xml_it_will_style_and_a_feed_reader_gets_atom_each_from_its_own_cache_entry()
    {
        using var client = portal.CreateClient();

        var browser = await SendAsync(client, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var reader = await SendAsync(client, "application/atom+xml, application/rss+xml;q=0.9, */*;q=0.5");
        var anything = await SendAsync(client, "*/*");
        var browserAgain = await SendAsync(client, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        Assert.Equal(["application/xml", "application/atom+xml", "application/atom+xml", "application/xml"], new[] { browser, reader, anything, browserAgain });
    }

    private static async Task<string> SendAsync(HttpClient client, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        Assert.Contains("Accept", response.Headers.Vary);
        return response.Content.Headers.ContentType?.MediaType ?? "";
    }
}
