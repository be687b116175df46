using System.Net;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.CaseStudies;

/// <summary>Each case study's own page, over the seeded store plus one case study saved as a draft, fetched over HTTP.</summary>
public sealed class CaseStudyPageTests(DraftOnlyPortalFactory portal) : IClassFixture<DraftOnlyPortalFactory>
{
    [Fact]
    public async Task A_case_study_has_a_page_of_its_own_with_its_details_and_the_story_it_comes_from()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/case-studies/we-care-academy");

        Assert.Equal("We Care Academy", document.QuerySelector("h1")?.TextContent);
        Assert.Equal(["Organisation", "Partners", "Place", "What was done", "Outcomes"], document.QuerySelectorAll("main dt").Select(dt => dt.TextContent));
        Assert.Equal("/organisations/leeds-city-council", document.QuerySelector("main dd a")?.GetAttribute("href"));
        Assert.Contains("Barnsley College", document.QuerySelector("main dl")?.TextContent, StringComparison.Ordinal);
        var story = document.QuerySelector(".case-study__story a")!;
        Assert.Equal("/stories/the-good-the-bad-and-the-ugly", story.GetAttribute("href"));
        Assert.Equal("Read the story: The good, the bad and the ugly", story.TextContent);
        HtmlPages.AssertHeadingsInOrder(document);
    }

    [Fact]
    public async Task A_case_study_page_has_breadcrumbs_a_title_a_description_and_its_own_canonical_address()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/case-studies/we-care-academy");

        var crumbs = document.QuerySelector("nav.breadcrumbs")!;
        Assert.Equal("/case-studies", crumbs.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("Case studies", crumbs.QuerySelector("a")?.TextContent);
        Assert.Equal("We Care Academy", crumbs.QuerySelector("[aria-current=page]")?.TextContent);
        Assert.Equal("We Care Academy – SocialCareStories", document.Title);
        Assert.StartsWith("Combined three initiatives", document.QuerySelector("meta[name=description]")?.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Equal("http://localhost/case-studies/we-care-academy", HtmlPages.Canonical(document));
    }

    [Fact]
    public async Task The_case_studies_page_links_each_case_study_to_its_own_page()
    {
        var client = portal.CreateClient();
        var list = await client.GetDocumentAsync("/case-studies");

        var articles = list.QuerySelectorAll("article.case-study").ToList();
        Assert.Equal(7, articles.Count);
        foreach (var article in articles)
        {
            var link = article.QuerySelector("h2 a")!;
            Assert.Equal($"/case-studies/{article.Id}", link.GetAttribute("href"));
            var page = await client.GetDocumentAsync(link.GetAttribute("href")!);
            Assert.Equal(link.TextContent, page.QuerySelector("h1")?.TextContent);
        }
    }

    [Fact]
    public async Task A_story_links_its_case_studies_to_their_own_pages()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/stories/the-good-the-bad-and-the-ugly");

        Assert.Contains(document.QuerySelectorAll(".story-case-studies a"), a => a.GetAttribute("href") == "/case-studies/we-care-academy");
    }

    [Fact]
    public async Task A_case_study_of_a_draft_is_not_listed_and_its_page_is_not_found()
    {
        var client = portal.CreateClient();
        var list = await client.GetStringAsync(new Uri("/case-studies", UriKind.Relative));
        var response = await client.GetAsync(new Uri($"/case-studies/{portal.CaseStudySlug}", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        foreach (var secret in new[] { DraftOnlyPortalFactory.StoryTitle, DraftOnlyPortalFactory.OrganisationName, portal.CaseStudySlug, "Somewhere private" })
        {
            Assert.DoesNotContain(secret, list, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, page.Replace($"/case-studies/{portal.CaseStudySlug}", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_unknown_case_study_is_not_found()
    {
        var response = await portal.CreateClient().GetAsync(new Uri("/case-studies/no-such-case-study", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
