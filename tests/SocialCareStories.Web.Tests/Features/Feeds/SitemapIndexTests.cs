using System.Net;
using Microsoft.AspNetCore.Hosting;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Feeds.FeedXml;

namespace SocialCareStories.Web.Tests.Features.Feeds;

/// <summary>
/// sitemaps.org allows 50,000 addresses a file. The limit is lowered to 10 here so the 16 seeded stories
/// need an index, as 100,000 stories would at the real limit.
/// </summary>
public sealed class SitemapIndexTests(SitemapIndexTests.SmallSitemapPortal portal) : IClassFixture<SitemapIndexTests.SmallSitemapPortal>
{
    public sealed class SmallSitemapPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Feeds:SitemapMaxUrls", "10");
        }
    }

    [Fact]
    public async Task A_sitemap_too_big_for_one_file_becomes_an_index_of_parts_that_hold_every_story()
    {
        var client = portal.CreateClient();
        var (index, _) = await GetAsync(client, "/sitemap.xml");

        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var parts = index.Root.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(["/sitemaps/pages.xml", "/sitemaps/stories-1.xml", "/sitemaps/stories-2.xml"], parts);

        var storyUrls = new List<string>();
        foreach (var part in parts.Skip(1))
        {
            var (urlset, _) = await GetAsync(client, part);
            var locations = SitemapLocations(urlset);
            Assert.InRange(locations.Count, 1, 10);
            storyUrls.AddRange(locations);
        }

        Assert.Equal(16, storyUrls.Distinct().Count());
        Assert.All(storyUrls, url => Assert.StartsWith("http://localhost/stories/", url, StringComparison.Ordinal));
        var (pages, _) = await GetAsync(client, "/sitemaps/pages.xml");
        Assert.Contains("http://localhost/categories", SitemapLocations(pages));
    }

    [Theory]
    [InlineData("/sitemaps/stories-3.xml")]
    [InlineData("/sitemaps/stories-0.xml")]
    [InlineData("/sitemaps/other.xml")]
    public async Task A_sitemap_part_that_does_not_exist_is_404(string path)
    {
        var response = await portal.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
