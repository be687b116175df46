using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Organisations;

/// <summary>
/// /organisations and an organisation's page over the seeded store plus one draft whose author and case study
/// belong to an organisation of their own (the case study naming Certitude too), fetched over HTTP.
/// </summary>
public sealed class OrganisationsPageTests(DraftOnlyPortalFactory portal) : IClassFixture<DraftOnlyPortalFactory>
{
    [Fact]
    public async Task Organisations_index_counts_the_published_stories_by_its_people_and_those_whose_case_studies_name_it()
    {
        // Worked out in memory from every published story's authors and case studies; the page does it in one query.
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var stories = await db.Stories.Where(s => s.Status == StoryStatus.Published)
            .Select(s => new
            {
                s.Id,
                People = s.Authors.Where(a => a.Author.Organisation != null).Select(a => a.Author.Organisation!.Slug).ToList(),
                Named = s.CaseStudies.SelectMany(c => c.Organisations).Select(o => o.Slug).ToList(),
            })
            .ToListAsync();
        var counts = stories.SelectMany(s => s.People.Concat(s.Named).Distinct()).CountBy(slug => slug).ToDictionary();
        var names = await db.Organisations.ToDictionaryAsync(o => o.Slug, o => o.Name);
        var expected = counts
            .Select(c => (Name: names[c.Key], Href: $"/organisations/{c.Key}", Count: IndexPages.CountText(c.Value)))
            .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var document = await portal.CreateClient().GetDocumentAsync("/organisations");

        Assert.Equal(11, expected.Count);
        Assert.Equal(expected, IndexPages.Entries(document));
        Assert.Contains(("Certitude", "/organisations/certitude", "1 story"), IndexPages.Entries(document));
        IndexPages.AssertGroupedByFirstLetter(document);
        IndexPages.AssertJumpListLandsOnHeadings(document, "/organisations");
        HtmlPages.AssertHeadingsInOrder(document);
    }

    [Fact]
    public async Task An_organisation_known_only_from_a_draft_is_not_listed()
    {
        var html = await portal.CreateClient().GetStringAsync(new Uri("/organisations", UriKind.Relative));

        Assert.DoesNotContain(DraftOnlyPortalFactory.OrganisationName, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DraftOnlyPortalFactory.OrganisationSlug, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_organisation_known_only_from_a_draft_is_not_found()
    {
        var response = await portal.CreateClient().GetAsync(new Uri($"/organisations/{DraftOnlyPortalFactory.OrganisationSlug}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(DraftOnlyPortalFactory.StoryTitle, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_study_saved_as_a_draft_does_not_appear_on_the_page_of_an_organisation_it_names()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/organisations/certitude");

        var caseStudies = document.QuerySelectorAll("section[aria-labelledby=organisation-case-studies] li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/case-studies/lambeth-living-well-network-alliance"], caseStudies);
        Assert.DoesNotContain(DraftOnlyPortalFactory.StoryTitle, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(document.QuerySelectorAll("a"), a => a.GetAttribute("href") is { } href
            && (href.EndsWith($"/{portal.StorySlug}", StringComparison.Ordinal) || href.EndsWith($"/{portal.CaseStudySlug}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_organisation_page_has_breadcrumbs_back_to_the_organisations_index()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/organisations/certitude");

        var crumbs = document.QuerySelector("nav.breadcrumbs")!;
        Assert.Equal("/organisations", crumbs.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("Organisations", crumbs.QuerySelector("a")?.TextContent);
        Assert.Equal("Certitude", crumbs.QuerySelector("[aria-current=page]")?.TextContent);
        HtmlPages.AssertHeadingsInOrder(document);
    }

    [Fact]
    public async Task An_organisation_known_only_from_published_awards_results_keeps_its_page_for_the_awards_to_link_to()
    {
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync())
        {
            var category = await db.AwardCategories.FirstAsync(c => c.Year.IsPublished);
            db.AwardEntries.Add(new AwardEntry
            {
                CategoryId = category.Id,
                Organisation = new Organisation { Name = "Shortlisted Only Homes", Slug = "shortlisted-only-homes" },
                Result = AwardResult.Shortlisted,
            });
            await db.SaveChangesAsync();
        }

        var response = await portal.CreateClient().GetAsync(new Uri("/organisations/shortlisted-only-homes", UriKind.Relative));
        var document = await portal.CreateClient().GetDocumentAsync("/organisations/shortlisted-only-homes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(document.QuerySelectorAll("section[aria-labelledby=organisation-awards] li"));
        Assert.NotNull(document.QuerySelector(".empty-state"));
    }
}
