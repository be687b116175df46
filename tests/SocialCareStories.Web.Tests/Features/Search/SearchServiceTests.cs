using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Search;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Search;

/// <summary>The search service over the freshly seeded store, which these tests only read.</summary>
public sealed class SearchServiceTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly HtmlParser Parser = new();
    private static readonly StoryFilter NoFilter = new();

    private async Task<StoryPage<SearchHit>> SearchAsync(string query, StoryFilter? filter = null, int pageSize = IStorySearch.DefaultPageSize)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IStorySearch>().SearchAsync(query, filter ?? NoFilter, pageSize);
    }

    [Fact]
    public async Task Search_ranks_a_title_match_above_a_body_match()
    {
        // "integration" is in the title of one story and only in the bodies of three others.
        var results = await SearchAsync("integration");

        Assert.Equal("what-is-integration-for", results.Items[0].Story.Slug);
        Assert.True(results.Total >= 3);
        Assert.Contains(results.Items, h => h.Story.Slug == "speak-up-at-the-back-there");
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words()
    {
        var results = await SearchAsync("workforce");

        Assert.NotEmpty(results.Items);
        Assert.All(results.Items, hit =>
        {
            var marks = Parser.ParseFragment(hit.SnippetHtml, Parser.ParseDocument("").Body!).OfType<AngleSharp.Dom.IElement>()
                .Where(e => e.LocalName == "mark").ToList();
            Assert.NotEmpty(marks);
            Assert.All(marks, m => Assert.StartsWith("workforce", m.TextContent, StringComparison.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public async Task Stemming_finds_other_forms_of_a_word()
    {
        var results = await SearchAsync("retained");

        Assert.Contains(results.Items, h => h.Story.Slug == "workforce-retention");
    }

    [Fact]
    public async Task An_authors_name_finds_their_stories()
    {
        var results = await SearchAsync("Richard Banks");

        Assert.Equal(["support-the-workforce-dont-blame-the-families", "workforce-retention"], results.Items.Select(h => h.Story.Slug).Order().ToList());
    }

    [Theory]
    [InlineData("Cornerstone", "the-current-system-serves-no-one-well")]
    [InlineData("Certitude", "the-part-providers-can-play-in-the-lives-of-their-communities")]
    [InlineData("Trafford Council", "what-elected-members-should-focus-on-in-social-care")]
    public async Task An_organisation_name_finds_the_stories_of_its_people(string organisation, string slug)
    {
        var results = await SearchAsync(organisation);

        Assert.Contains(results.Items, h => h.Story.Slug == slug);
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_the_total()
    {
        var all = await SearchAsync("care");
        var news = await SearchAsync("care", new StoryFilter { Kind = StoryKind.News });

        Assert.True(all.Total > news.Total);
        Assert.Equal(news.Total, news.Items.Count);
        Assert.NotEmpty(news.Items);
        Assert.All(news.Items, h => Assert.Equal(StoryKind.News, h.Story.Kind));
    }

    [Fact]
    public async Task The_year_filter_keeps_only_that_years_stories()
    {
        var results = await SearchAsync("care", new StoryFilter { Year = 2016 });

        Assert.NotEmpty(results.Items);
        Assert.All(results.Items, h => Assert.Equal(2016, h.Story.PublishedOn.Year));
    }

    [Fact]
    public async Task A_sector_filter_includes_the_stories_of_its_themes()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<StoryCatalogue>();
        var inSector = await catalogue.ListAsync(new StoryFilter { Category = "leadership-and-management" });
        var anywhere = (await SearchAsync("care")).Items.Select(h => h.Story.Slug).ToHashSet();
        var expected = inSector.Items.Select(s => s.Slug).Where(anywhere.Contains).Order().ToList();

        // A theme's stories are in its sector, so the search in the sector finds every story of it that mentions care.
        var results = await SearchAsync("care", new StoryFilter { Category = "leadership-and-management" });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, results.Items.Select(h => h.Story.Slug).Where(expected.Contains).Order().ToList());
        Assert.All(results.Items, h => Assert.Contains(h.Story.Slug, expected));
    }

    [Fact]
    public async Task Paging_walks_every_result_once_with_a_steady_total()
    {
        var whole = await SearchAsync("care");
        var pages = new List<StoryPage<SearchHit>>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await SearchAsync("care", new StoryFilter { Page = page }, pageSize: 4));
        }

        Assert.True(whole.Total > 8);
        Assert.All(pages, p => Assert.Equal(whole.Total, p.Total));
        Assert.Equal((whole.Total + 3) / 4, pages[0].PageCount);
        Assert.Equal(whole.Items.Select(h => h.Story.Id).Take(16), pages.SelectMany(p => p.Items).Select(h => h.Story.Id));
    }

    [Fact]
    public async Task A_page_beyond_the_last_shows_the_last_page()
    {
        var results = await SearchAsync("care", new StoryFilter { Page = 999 }, pageSize: 4);

        Assert.Equal(results.PageCount, results.Page);
        Assert.NotEmpty(results.Items);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("care\"")]
    [InlineData("*")]
    [InlineData("care*")]
    [InlineData("(care")]
    [InlineData("NEAR(care social)")]
    [InlineData("NEAR")]
    [InlineData("-care")]
    [InlineData("care AND OR NOT")]
    [InlineData("Title:care")]
    [InlineData("^care")]
    [InlineData("{Title Body}: care")]
    [InlineData("'; DROP TABLE Stories; --")]
    public async Task Text_with_search_syntax_never_errors(string query)
    {
        var results = await SearchAsync(query);

        Assert.True(results.Total >= 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("\"*()-^")]
    public async Task Empty_or_syntax_only_text_finds_nothing(string query)
    {
        var results = await SearchAsync(query);

        Assert.Equal(0, results.Total);
        Assert.Empty(results.Items);
    }
}
