using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Feeds.FeedXml;

namespace SocialCareStories.Web.Tests.Features.Feeds;

/// <summary>The sitemap's pages other than stories, over the seeded store plus one draft with a tag, author, organisation and case study of its own.</summary>
public sealed class SitemapPagesTests(DraftOnlyPortalFactory portal) : IClassFixture<DraftOnlyPortalFactory>
{
    [Fact]
    public async Task The_sitemap_lists_the_tags_authors_and_organisations_indexes_and_every_published_case_study_page()
    {
        var (sitemap, _) = await GetAsync(portal.CreateClient(), "/sitemap.xml");

        var locations = SitemapLocations(sitemap);
        Assert.Subset(locations.ToHashSet(), new HashSet<string>
        {
            "http://localhost/tags", "http://localhost/authors", "http://localhost/organisations",
        });
        Assert.Equal(
            [
                "camdens-integrated-learning-disability-service", "careers-into-care", "cornerstones-neighbourhood-self-managing-teams",
                "lambeth-living-well-network-alliance", "reach-end-of-life-care", "symphony-project-somerset", "we-care-academy",
            ],
            locations.Where(l => l.StartsWith("http://localhost/case-studies/", StringComparison.Ordinal)).Select(l => l["http://localhost/case-studies/".Length..]));
    }

    [Fact]
    public async Task The_sitemap_names_nothing_known_only_from_a_draft()
    {
        var client = portal.CreateClient();
        var xml = await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));

        Assert.All(portal.Secrets.Where(s => s.Length > 0), secret => Assert.DoesNotContain(secret, xml, StringComparison.OrdinalIgnoreCase));
    }
}
