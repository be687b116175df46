using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Awards;

/// <summary>The awards pages over a freshly seeded store (2015 published, 2016 a draft), fetched over HTTP.</summary>
public sealed class AwardsPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_awards_page_shows_2015_with_the_winner_of_winners_first()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/awards");

        var year = Assert.Single(document.QuerySelectorAll("section.award-year"));
        var yearLink = year.QuerySelector("h2 a");
        Assert.Equal("Skills for Care Accolades 2015", yearLink?.TextContent);
        Assert.Equal("/awards/2015", yearLink?.GetAttribute("href"));
        var categories = year.QuerySelectorAll(".award-category__name").Select(h => h.TextContent).ToList();
        Assert.Equal("Winner of Winners", categories[0]);
    }

    [Fact]
    public async Task The_top_award_links_Leeds_City_Council_and_the_We_Care_Academy_to_its_story_and_case_study()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/awards");

        var topAward = document.QuerySelector(".award-category--top")!;
        var entry = Assert.Single(topAward.QuerySelectorAll(".award-entry"));
        Assert.Equal("Winner", entry.QuerySelector(".award-result")?.TextContent);
        Assert.Equal("/organisations/leeds-city-council", entry.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("Leeds City Council", entry.QuerySelector("a")?.TextContent);
        Assert.Equal("We Care Academy", entry.QuerySelector(".award-entry__project")?.TextContent);
        var links = entry.QuerySelectorAll(".award-entry__links a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/stories/the-good-the-bad-and-the-ugly", "/case-studies/we-care-academy"], links);
    }

    [Fact]
    public async Task Stockports_REaCH_team_appears_as_a_2015_winner()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/awards");

        var entry = document.QuerySelectorAll(".award-entry")
            .Single(e => e.QuerySelector(".award-entry__project")?.TextContent == "Reablement and Community Home Support team (REaCH)");
        Assert.Equal("Stockport Council", entry.QuerySelector("a")?.TextContent);
        Assert.Equal("Winner", entry.QuerySelector(".award-result")?.TextContent);
        Assert.Contains(entry.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/case-studies/reach-end-of-life-care");
    }

    [Theory]
    [InlineData("/awards")]
    [InlineData("/awards/2015")]
    public async Task An_unknown_award_category_shows_its_results_without_a_heading(string path)
    {
        var document = await portal.CreateClient().GetDocumentAsync(path);

        Assert.Equal(["Winner of Winners"], document.QuerySelectorAll(".award-category__name").Select(h => h.TextContent));
        var stockport = document.QuerySelectorAll(".award-category")
            .Single(c => c.QuerySelector(".award-entry__project")?.TextContent == "Reablement and Community Home Support team (REaCH)");
        Assert.Null(stockport.QuerySelector("h2, h3"));
        Assert.DoesNotContain("not recorded", document.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        HtmlPages.AssertHeadingsInOrder(document);
    }

    [Fact]
    public async Task The_home_page_gives_the_winner_of_an_unnamed_category_with_its_year_alone()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/");

        var winner = document.QuerySelectorAll(".winner-list li").Single(li => li.TextContent.Contains("Stockport Council", StringComparison.Ordinal));
        Assert.Equal("2015", winner.QuerySelector(".winner__category")?.TextContent.Trim());
    }

    [Fact]
    public async Task An_organisations_award_in_an_unnamed_category_names_its_project_only()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/organisations/stockport-council");

        var award = Assert.Single(document.QuerySelectorAll(".award-list li"));
        Assert.Equal("Accolades winner 2015 – Reablement and Community Home Support team (REaCH)", award.TextContent.Trim());
    }

    [Fact]
    public async Task The_draft_2016_year_never_appears_on_the_awards_page()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/awards");

        Assert.DoesNotContain("2016", document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/awards/2016");
    }

    [Theory]
    [InlineData("/awards/2016")]
    [InlineData("/awards/1999")]
    [InlineData("/awards/not-a-year")]
    public async Task A_draft_or_missing_year_is_a_real_404_page(string path)
    {
        var response = await portal.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_year_has_its_own_page_with_one_h1_and_its_own_canonical_address()
    {
        var response = await portal.CreateClient().GetAsync(new Uri("/awards/2015", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal("Skills for Care Accolades 2015", Assert.Single(document.QuerySelectorAll("h1")).TextContent);
        Assert.EndsWith("/awards/2015", HtmlPages.Canonical(document), StringComparison.Ordinal);
        Assert.Equal("Winner of Winners", document.QuerySelector("h2.award-category__name")?.TextContent);
        Assert.Contains(document.QuerySelectorAll(".award-entry__links a"), a => a.GetAttribute("href") == "/stories/the-good-the-bad-and-the-ugly");
    }

    [Theory]
    [InlineData("/awards")]
    [InlineData("/awards/2015")]
    public async Task Awards_pages_have_one_h1_and_headings_in_order(string path)
    {
        var document = await portal.CreateClient().GetDocumentAsync(path);

        HtmlPages.AssertHeadingsInOrder(document);
        Assert.EndsWith(path, HtmlPages.Canonical(document), StringComparison.Ordinal);
    }

    // Through the reader, not HTTP: a page fetched by another test may already sit in the output cache.
    [Fact]
    public async Task An_entry_whose_story_is_not_published_links_neither_to_the_story_nor_to_its_case_study()
    {
        var contextFactory = portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>();
        await SetStatusAsync(contextFactory, "the-good-the-bad-and-the-ugly", StoryStatus.Unpublished);
        try
        {
            using var scope = portal.Services.CreateScope();
            var year = Assert.Single(await scope.ServiceProvider.GetRequiredService<AwardsReader>().PublishedYearAsync(2015));

            var entries = year.Categories.SelectMany(c => c.Entries).ToList();
            Assert.Equal(2, entries.Count);
            Assert.All(entries, e => Assert.Null(e.StorySlug));
            Assert.All(entries, e => Assert.Null(e.CaseStudySlug));
        }
        finally
        {
            await SetStatusAsync(contextFactory, "the-good-the-bad-and-the-ugly", StoryStatus.Published);
        }
    }

    [Fact]
    public async Task The_reader_gives_no_draft_year_however_it_is_asked()
    {
        using var scope = portal.Services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<AwardsReader>();

        Assert.Equal([2015], (await reader.PublishedYearsAsync()).Select(y => y.Year));
        Assert.Empty(await reader.PublishedYearAsync(2016));
    }

    private static async Task SetStatusAsync(IDbContextFactory<StoriesDbContext> contextFactory, string storySlug, StoryStatus status)
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        (await db.Stories.SingleAsync(s => s.Slug == storySlug)).Status = status;
        await db.SaveChangesAsync();
    }
}
