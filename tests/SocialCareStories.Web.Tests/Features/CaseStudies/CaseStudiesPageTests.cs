using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.CaseStudies;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.CaseStudies;

/// <summary>The case studies page over a freshly seeded store, fetched over HTTP.</summary>
public sealed class CaseStudiesPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string[] SeededSlugs =
    [
        "camdens-integrated-learning-disability-service",
        "careers-into-care",
        "cornerstones-neighbourhood-self-managing-teams",
        "lambeth-living-well-network-alliance",
        "reach-end-of-life-care",
        "symphony-project-somerset",
        "we-care-academy",
    ];

    [Fact]
    public async Task The_case_studies_page_lists_the_seven_seeded_case_studies_each_anchored_by_its_slug()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/case-studies");

        var anchors = document.QuerySelectorAll("article.case-study").Select(a => a.Id).ToList();
        Assert.Equal(SeededSlugs, anchors);
        Assert.Equal("We Care Academy", document.GetElementById("we-care-academy")?.QuerySelector("h2")?.TextContent);
        HtmlPages.AssertHeadingsInOrder(document);
    }

    [Fact]
    public async Task A_case_study_shows_its_organisations_partners_place_what_was_done_and_outcomes()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/case-studies");

        var caseStudy = document.GetElementById("we-care-academy")!;
        var facts = caseStudy.QuerySelectorAll("dt").Select(dt => dt.TextContent).ToList();
        Assert.Equal(["Organisation", "Partners", "Place", "What was done", "Outcomes"], facts);
        Assert.Equal("/organisations/leeds-city-council", caseStudy.QuerySelector("dd a")?.GetAttribute("href"));
        Assert.Contains("Barnsley College", caseStudy.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_case_study_links_to_the_published_story_that_tells_it()
    {
        var client = portal.CreateClient();
        var document = await client.GetDocumentAsync("/case-studies");

        var storyLinks = document.QuerySelectorAll("article.case-study .case-study__story a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(7, storyLinks.Count);
        Assert.Equal("/stories/the-good-the-bad-and-the-ugly", document.GetElementById("we-care-academy")?.QuerySelector(".case-study__story a")?.GetAttribute("href"));
        foreach (var link in storyLinks.Distinct())
        {
            var response = await client.GetAsync(new Uri(link, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Filtering_by_the_organisation_certitude_shows_only_the_Lambeth_Living_Well_Network_Alliance()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/case-studies?organisation=certitude");

        var caseStudy = Assert.Single(document.QuerySelectorAll("article.case-study"));
        Assert.Equal("lambeth-living-well-network-alliance", caseStudy.Id);
        Assert.Equal("certitude", document.QuerySelector("#filter-organisation option[selected]")?.GetAttribute("value"));
        Assert.EndsWith("/case-studies?organisation=certitude", HtmlPages.Canonical(document), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acute", "reach-end-of-life-care symphony-project-somerset we-care-academy")]
    [InlineData("acute-end-of-life-care", "reach-end-of-life-care we-care-academy")]
    public async Task Filtering_by_a_category_narrows_the_list_to_case_studies_whose_story_is_filed_there(string category, string expected)
    {
        var document = await portal.CreateClient().GetDocumentAsync($"/case-studies?category={category}");

        var anchors = document.QuerySelectorAll("article.case-study").Select(a => a.Id).ToList();
        Assert.Equal(expected.Split(' '), anchors);
        Assert.Equal(category, document.QuerySelector("#filter-category option[selected]")?.GetAttribute("value"));
        Assert.NotNull(document.QuerySelector("a.filters__clear[href='/case-studies']"));
    }

    [Fact]
    public async Task The_filters_are_a_get_form_with_labelled_selects()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/case-studies");

        var form = document.QuerySelector("form.filters")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/case-studies", form.GetAttribute("action"));
        foreach (var select in form.QuerySelectorAll("select"))
        {
            Assert.NotNull(document.QuerySelector($"label[for='{select.Id}']"));
        }

        Assert.Contains(form.QuerySelectorAll("#filter-organisation option"), o => o.GetAttribute("value") == "certitude");
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_shows_a_helpful_empty_state()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/case-studies?organisation=no-such-organisation");

        Assert.Empty(document.QuerySelectorAll("article.case-study"));
        var emptyState = document.QuerySelector(".empty-state")!;
        Assert.Contains("No case studies from that organisation yet", emptyState.TextContent, StringComparison.Ordinal);
        Assert.Contains(emptyState.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/case-studies");
    }

    [Fact]
    public async Task A_case_study_whose_story_is_not_published_is_left_out()
    {
        var contextFactory = portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>();
        await SetStatusAsync(contextFactory, "the-part-providers-can-play-in-the-lives-of-their-communities", StoryStatus.Draft);
        try
        {
            using var scope = portal.Services.CreateScope();
            var catalogue = scope.ServiceProvider.GetRequiredService<CaseStudyCatalogue>();

            var listed = await catalogue.ListAsync(new CaseStudyFilter());
            var options = await catalogue.FilterOptionsAsync();

            Assert.Equal(6, listed.Count);
            Assert.DoesNotContain(listed, c => c.Slug == "lambeth-living-well-network-alliance");
            Assert.DoesNotContain(options.Organisations, o => o.Slug == "certitude");
        }
        finally
        {
            await SetStatusAsync(contextFactory, "the-part-providers-can-play-in-the-lives-of-their-communities", StoryStatus.Published);
        }
    }

    private static async Task SetStatusAsync(IDbContextFactory<StoriesDbContext> contextFactory, string storySlug, StoryStatus status)
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        (await db.Stories.SingleAsync(s => s.Slug == storySlug)).Status = status;
        await db.SaveChangesAsync();
    }
}
