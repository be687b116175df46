using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Tags;

/// <summary>/tags and a tag's page over the seeded store plus one draft with a tag of its own, fetched over HTTP.</summary>
public sealed class TagsPageTests(DraftOnlyPortalFactory portal) : IClassFixture<DraftOnlyPortalFactory>
{
    [Fact]
    public async Task Tags_index_lists_tags_A_to_Z_with_published_story_counts()
    {
        // Counted tag by tag here; the page counts them in one grouped query.
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var expected = (await db.Tags
                .Select(t => new { t.Name, t.Slug, Count = t.Stories.Count(s => s.Status == StoryStatus.Published) })
                .Where(t => t.Count > 0)
                .ToListAsync())
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => (t.Name, $"/tags/{t.Slug}", IndexPages.CountText(t.Count)))
            .ToList();

        var document = await portal.CreateClient().GetDocumentAsync("/tags");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, IndexPages.Entries(document));
        Assert.Contains(expected, e => e.Item1 == "Fabulous Stuff");
        IndexPages.AssertGroupedByFirstLetter(document);
        // The seeds' only tag is the Fabulous Stuff collection (their other labels are sectors): one letter, no jump list.
        if (expected.Select(e => char.ToUpperInvariant(e.Item1[0])).Distinct().Count() > 1)
        {
            IndexPages.AssertJumpListLandsOnHeadings(document, "/tags");
        }
        HtmlPages.AssertHeadingsInOrder(document);
        Assert.EndsWith("/tags", HtmlPages.Canonical(document), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_known_only_from_a_draft_is_not_listed()
    {
        var html = await portal.CreateClient().GetStringAsync(new Uri("/tags", UriKind.Relative));

        Assert.DoesNotContain(DraftOnlyPortalFactory.TagName, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DraftOnlyPortalFactory.TagSlug, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tag_known_only_from_a_draft_is_not_found()
    {
        var response = await portal.CreateClient().GetAsync(new Uri($"/tags/{DraftOnlyPortalFactory.TagSlug}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(DraftOnlyPortalFactory.StoryTitle, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_shared_with_a_draft_shows_only_its_published_stories()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/tags/fabulous-stuff");

        Assert.DoesNotContain(DraftOnlyPortalFactory.StoryTitle, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/stories/{portal.StorySlug}");
    }

    [Fact]
    public async Task A_tag_page_has_breadcrumbs_back_to_the_tags_index()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/tags/fabulous-stuff");

        var crumbs = document.QuerySelector("nav.breadcrumbs")!;
        Assert.Equal("/tags", crumbs.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("Tags", crumbs.QuerySelector("a")?.TextContent);
        Assert.Equal("Fabulous Stuff", crumbs.QuerySelector("[aria-current=page]")?.TextContent);
    }
}
