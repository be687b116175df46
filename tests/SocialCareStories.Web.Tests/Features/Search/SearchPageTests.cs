using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Search;

/// <summary>The /search page over a freshly seeded store, fetched over HTTP.</summary>
public sealed class SearchPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly HtmlParser Parser = new();

    private async Task<IHtmlDocument> GetAsync(string address)
    {
        var response = await portal.CreateClient().GetAsync(new Uri(address, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_search_lists_matching_stories_with_links_and_highlighted_snippets()
    {
        var document = await GetAsync("/search?q=integration");

        Assert.Equal("Results for “integration”", document.QuerySelector("h1")?.TextContent);
        Assert.Single(document.QuerySelectorAll("h1"));
        var items = document.QuerySelectorAll("ol.search-results > li");
        Assert.NotEmpty(items);
        Assert.Equal("/stories/what-is-integration-for", items[0].QuerySelector("h3 a")?.GetAttribute("href"));
        Assert.All(items, li =>
        {
            Assert.NotNull(li.QuerySelector("p.story-meta"));
            // Porter stemming treats "integration" and "integral" alike (both "integr").
            Assert.StartsWith("integr", li.QuerySelector("p.search-snippet mark")?.TextContent, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains($"{items.Length} stories match", document.QuerySelector(".result-count")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_form_is_prefilled_and_carries_the_filters()
    {
        var document = await GetAsync("/search?q=care&kind=news&year=2016");

        var form = document.QuerySelector("form.search-box")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("care", form.QuerySelector("input[name=q]")?.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("select[name=kind] option[value=news][selected]"));
        Assert.NotNull(form.QuerySelector("select[name=year] option[value='2016'][selected]"));
        // Sectors none of the matches is in are not offered: the news story of 2016 has one, so the menu is there.
        Assert.NotNull((await GetAsync("/search?q=care")).QuerySelector("form.search-box select[name=sector]"));
        Assert.NotNull(document.QuerySelector("meta[name=description]"));
    }

    [Fact]
    public async Task The_kind_filter_narrows_the_page()
    {
        var document = await GetAsync("/search?q=care&kind=news");

        var links = document.QuerySelectorAll("ol.search-results h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/stories/social-care-professionals-urged-to-lead-big-society"], links);
    }

    [Fact]
    public async Task No_match_says_so_and_suggests_the_sector_categories()
    {
        var document = await GetAsync("/search?q=xylophonic");

        Assert.Contains("No stories match “xylophonic”", document.QuerySelector(".empty-state")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("spelling", document.QuerySelector(".empty-state")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("ol.search-results"));
        var categories = document.QuerySelectorAll("ul.category-suggestions a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/categories/social-care", categories);
        Assert.All(categories, href => Assert.StartsWith("/categories/", href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_search_shows_the_form_and_the_categories_only()
    {
        var document = await GetAsync("/search");

        Assert.Equal("Search", document.QuerySelector("h1")?.TextContent);
        Assert.NotNull(document.QuerySelector("form.search-box input[name=q]"));
        Assert.Null(document.QuerySelector(".empty-state"));
        Assert.Null(document.QuerySelector("ol.search-results"));
        Assert.NotEmpty(document.QuerySelectorAll("ul.category-suggestions a"));
    }

    [Theory]
    [InlineData("%22")]
    [InlineData("care*")]
    [InlineData("(care")]
    [InlineData("NEAR(care%20social)")]
    [InlineData("-care")]
    [InlineData("%22*(NEAR-")]
    public async Task Search_syntax_in_the_address_gives_a_normal_page(string query)
    {
        var document = await GetAsync($"/search?q={query}");

        Assert.Single(document.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task Markup_in_the_query_is_shown_as_text_never_run()
    {
        var document = await GetAsync("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20care");

        Assert.Empty(document.QuerySelectorAll("main script"));
        Assert.Contains("<script>", document.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        Assert.All(document.QuerySelectorAll("p.search-snippet *"), e => Assert.Equal("mark", e.LocalName));
    }

    [Fact]
    public async Task A_page_number_beyond_the_results_shows_the_last_page()
    {
        // 20 to a page and fewer matches than that in the seeds, so page 2 is page 1.
        var document = await GetAsync("/search?q=care&page=2");

        Assert.NotEmpty(document.QuerySelectorAll("ol.search-results > li"));
        Assert.Equal("1", document.QuerySelector("ol.search-results")?.GetAttribute("start"));
    }
}
