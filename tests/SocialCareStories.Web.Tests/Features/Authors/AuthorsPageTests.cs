using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Authors;

/// <summary>/authors and an author's page over the seeded store plus one draft by an author of its own, fetched over HTTP.</summary>
public sealed class AuthorsPageTests(DraftOnlyPortalFactory portal) : IClassFixture<DraftOnlyPortalFactory>
{
    [Fact]
    public async Task Authors_index_lists_authors_A_to_Z_with_published_story_counts()
    {
        // Counted author by author here; the page counts them in one grouped query.
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var expected = (await db.Authors
                .Select(a => new { a.Name, a.Slug, Count = a.Stories.Count(s => s.Story.Status == StoryStatus.Published) })
                .Where(a => a.Count > 0)
                .ToListAsync())
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => (a.Name, $"/authors/{a.Slug}", IndexPages.CountText(a.Count)))
            .ToList();

        var document = await portal.CreateClient().GetDocumentAsync("/authors");

        Assert.Equal(13, expected.Count);
        Assert.Equal(expected, IndexPages.Entries(document));
        Assert.Equal("13 authors", document.QuerySelector(".result-count")?.TextContent);
        IndexPages.AssertGroupedByFirstLetter(document);
        IndexPages.AssertJumpListLandsOnHeadings(document, "/authors");
        HtmlPages.AssertHeadingsInOrder(document);
    }

    [Fact]
    public async Task An_author_known_only_from_a_draft_is_not_listed()
    {
        var html = await portal.CreateClient().GetStringAsync(new Uri("/authors", UriKind.Relative));

        Assert.DoesNotContain(DraftOnlyPortalFactory.AuthorName, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DraftOnlyPortalFactory.AuthorSlug, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_author_known_only_from_a_draft_is_not_found()
    {
        var response = await portal.CreateClient().GetAsync(new Uri($"/authors/{DraftOnlyPortalFactory.AuthorSlug}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(DraftOnlyPortalFactory.StoryTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain(DraftOnlyPortalFactory.OrganisationName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_page_has_breadcrumbs_back_to_the_authors_index()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/authors/richard-banks");

        var crumbs = document.QuerySelector("nav.breadcrumbs")!;
        Assert.Equal("/authors", crumbs.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("Authors", crumbs.QuerySelector("a")?.TextContent);
        Assert.Equal(document.QuerySelector("h1")?.TextContent, crumbs.QuerySelector("[aria-current=page]")?.TextContent);
        HtmlPages.AssertHeadingsInOrder(document);
    }
}

/// <summary>Paging /authors, on a store of its own with more authors than one page holds.</summary>
public sealed class AuthorsIndexPagingTests : IDisposable
{
    private readonly EmptyPortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task The_authors_index_shows_a_hundred_a_page_each_page_at_its_own_address()
    {
        // One author per story: "Writer generated 0" to "Writer generated 104".
        await GeneratedStories.AddAsync(_portal.Services, 105);
        var client = _portal.CreateClient();

        var first = await client.GetDocumentAsync("/authors");
        var second = await client.GetDocumentAsync("/authors?page=2");

        var names = IndexPages.Entries(first).Select(e => e.Name).Concat(IndexPages.Entries(second).Select(e => e.Name)).ToList();
        Assert.Equal(100, IndexPages.Entries(first).Count);
        Assert.Equal(5, IndexPages.Entries(second).Count);
        Assert.Equal(Enumerable.Range(0, 105).Select(n => $"Writer generated {n}").Order(StringComparer.OrdinalIgnoreCase), names);
        Assert.Equal("/authors?page=2", first.QuerySelector(".pager a[rel=next]")?.GetAttribute("href"));
        Assert.Equal("/authors", second.QuerySelector(".pager a[rel=prev]")?.GetAttribute("href"));
        Assert.EndsWith("/authors?page=2", HtmlPages.Canonical(second), StringComparison.Ordinal);
        Assert.Equal("105 authors, page 2 of 2", second.QuerySelector(".result-count")?.TextContent);
        Assert.NotEqual(first.Title, second.Title);
    }

    [Fact]
    public async Task An_empty_authors_index_says_so_rather_than_showing_an_empty_list()
    {
        var document = await _portal.CreateClient().GetDocumentAsync("/authors");

        Assert.Empty(document.QuerySelectorAll(".index-list"));
        Assert.NotNull(document.QuerySelector(".empty-state"));
    }
}
