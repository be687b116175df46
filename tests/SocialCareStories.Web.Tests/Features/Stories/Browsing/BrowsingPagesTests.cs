using System.Net;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories.Browsing;

/// <summary>/stories and /categories over HTTP on the seeded store, with one draft the counts must not see.</summary>
public sealed class BrowsingPagesTests(DraftOnlyPortalFactory portal) : IClassFixture<DraftOnlyPortalFactory>
{
    private const string Sector = "leadership-and-management";
    private const string Theme = "leadership-and-management-workforce-recruitment-and-retention";

    [Fact]
    public async Task A_reader_narrows_the_stories_by_sector_then_theme_then_year_each_view_at_its_own_address()
    {
        var client = portal.CreateClient();

        var all = await client.GetDocumentAsync("/stories");
        var sectorCount = Count(all, "#filter-sector", Sector);
        var bySector = await client.GetDocumentAsync($"/stories?sector={Sector}");
        Assert.Equal(sectorCount, Listed(bySector));
        var themeCount = Count(bySector, "#filter-theme", Theme);
        Assert.All(bySector.QuerySelectorAll("#filter-theme optgroup"), g => Assert.Equal("Leadership and Management", g.GetAttribute("label")));

        var byTheme = await client.GetDocumentAsync($"/stories?sector={Sector}&theme={Theme}");
        Assert.Equal(themeCount, Listed(byTheme));
        Assert.True(themeCount < sectorCount || sectorCount == themeCount);
        var year = byTheme.QuerySelectorAll("#filter-year option").Skip(1).First().GetAttribute("value")!;
        var yearCount = Count(byTheme, "#filter-year", year);

        var byYear = await client.GetDocumentAsync($"/stories?sector={Sector}&theme={Theme}&year={year}");
        Assert.Equal(yearCount, Listed(byYear));
        Assert.EndsWith($"/stories?sector={Sector}&theme={Theme}&year={year}", HtmlPages.Canonical(byYear), StringComparison.Ordinal);
        var story = byYear.QuerySelector("ul.story-list h3 a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(story, UriKind.Relative))).StatusCode);

        // Each chosen filter is a link that takes that one away.
        var removeYear = byYear.QuerySelectorAll(".chosen-filters a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/stories?sector={Sector}&theme={Theme}", removeYear);
    }

    [Fact]
    public async Task The_filters_are_a_get_form_with_a_label_for_every_select()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/stories");

        var form = document.QuerySelector("form[action='/stories']")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.All(form.QuerySelectorAll("select"), s => Assert.NotNull(document.QuerySelector($"label[for='{s.Id}']")));
        Assert.Equal(["sector", "theme", "kind", "year", "organisation", "award", "collection"], form.QuerySelectorAll("select").Select(s => s.GetAttribute("name")));
    }

    [Fact]
    public async Task A_draft_counts_in_no_facet_and_no_category()
    {
        var client = portal.CreateClient();

        var stories = await client.GetDocumentAsync("/stories?kind=case-study");
        var categories = await client.GetDocumentAsync("/categories");

        Assert.Equal(6, Listed(stories));
        Assert.Equal(6, Count(stories, "#filter-kind", "case-study"));
        Assert.DoesNotContain(portal.Secrets, secret => stories.Body!.OuterHtml.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(portal.Secrets, secret => categories.Body!.OuterHtml.Contains(secret, StringComparison.Ordinal));
        Assert.Equal("(16)", categories.QuerySelectorAll(".category-tree > li").Single(li => li.QuerySelector("a")!.TextContent == "Social Care").QuerySelector(".count")!.TextContent);
    }

    [Fact]
    public async Task A_category_page_shows_its_description_and_its_themes_with_counts()
    {
        var document = await portal.CreateClient().GetDocumentAsync($"/categories/{Sector}");

        Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector(".lead")?.TextContent));
        var themes = document.QuerySelectorAll("#themes-heading + ul a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/categories/{Theme}", themes);
        Assert.NotNull(document.QuerySelector($"a[href='/stories?sector={Sector}']"));
    }

    private static int Listed(AngleSharp.Html.Dom.IHtmlDocument document) => document.QuerySelectorAll("ul.story-list > li").Length;

    // "Workforce: recruitment and retention (6)" → 6
    private static int Count(AngleSharp.Html.Dom.IHtmlDocument document, string select, string value)
    {
        var text = document.QuerySelector($"{select} option[value='{value}']")!.TextContent;
        return int.Parse(text[(text.LastIndexOf('(') + 1)..^1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
    }
}
