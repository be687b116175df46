using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Search;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Search;

/// <summary>A word in more stories than the count limit: counted up to it, paged within it, ranked by relevance.</summary>
public sealed class SearchWindowTests : IClassFixture<SearchWindowTests.CommonWordPortal>
{
    private const int Stories = SearchService.CountLimit + 45;
    private const string Word = "zephyrwide";
    private readonly CommonWordPortal _portal;

    public SearchWindowTests(CommonWordPortal portal) => _portal = portal;

    /// <summary>An empty store with <see cref="Stories"/> generated stories, all containing <see cref="Word"/>.</summary>
    public sealed class CommonWordPortal : IAsyncLifetime
    {
        public EmptyPortalFactory Portal { get; } = new();

        public Task InitializeAsync() => GeneratedStories.AddAsync(Portal.Services, Stories, Word);

        public Task DisposeAsync()
        {
            Portal.Dispose();
            return Task.CompletedTask;
        }
    }

    private async Task<StoryPage<SearchHit>> SearchAsync(string query, StoryFilter filter, int pageSize = 100)
    {
        await using var scope = _portal.Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IStorySearch>().SearchAsync(query, filter, pageSize);
    }

    [Fact]
    public async Task Search_counts_a_common_word_up_to_the_limit_and_pages_through_the_newest_matches_exactly_once()
    {
        var seen = new List<int>();
        StoryPage<SearchHit> page;
        var number = 1;
        do
        {
            page = await SearchAsync(Word, new StoryFilter { Page = number++ });
            Assert.Equal(SearchService.CountLimit, page.Total);
            Assert.True(page.TotalCapped);
            seen.AddRange(page.Items.Select(hit => hit.Story.Id));
        }
        while (page.Page < page.PageCount);

        await using var db = await _portal.Portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var newest = await db.Stories.OrderByDescending(s => s.Id).Take(SearchService.CountLimit).Select(s => s.Id).ToListAsync();
        Assert.Equal(newest.Order(), seen.Order());
        Assert.All(page.Items, hit => Assert.Contains("<mark>", hit.SnippetHtml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_past_the_limit_shows_the_last_page_within_it()
    {
        var page = await SearchAsync(Word, new StoryFilter { Page = 500 }, pageSize: 20);

        Assert.Equal(SearchService.CountLimit / 20, page.Page);
        Assert.Equal(20, page.Items.Count);
    }

    [Fact]
    public async Task A_word_in_fewer_stories_than_the_limit_is_counted_exactly()
    {
        // "number 1004" is in one generated body, "1004" in that one only.
        var page = await SearchAsync("1004", new StoryFilter());

        Assert.Equal(1, page.Total);
        Assert.False(page.TotalCapped);
    }

    [Fact]
    public async Task Among_the_counted_matches_relevance_comes_first()
    {
        // Every generated story mentions the word in its title and its author's name, so all rank alike; one of
        // the middle of the counted matches also says it in its summary, and must come first.
        await using (var db = await _portal.Portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync())
        {
            var middle = await db.Stories.OrderByDescending(s => s.Id).Skip(SearchService.CountLimit / 2).FirstAsync();
            middle.Summary = $"Why {Word} matters, and {Word} again.";
            await db.SaveChangesAsync();
        }

        var page = await SearchAsync(Word, new StoryFilter(), pageSize: 20);

        Assert.Contains(Word, page.Items[0].Story.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filtered_search_is_counted_up_to_the_same_limit()
    {
        var page = await SearchAsync(Word, new StoryFilter { Kind = StoryKind.BlogPost });

        Assert.Equal(SearchService.CountLimit, page.Total);
        Assert.True(page.TotalCapped);
    }

    [Fact]
    public async Task The_search_page_says_more_than_the_limit_and_suggests_the_filters()
    {
        var response = await _portal.Portal.CreateClient().GetAsync(new Uri($"/search?q={Word}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal($"More than 1,000 stories match “{Word}”, page 1 of 50", document.QuerySelector(".result-count")?.TextContent);
        Assert.Contains("narrow the search", document.QuerySelector(".result-hint")?.TextContent, StringComparison.Ordinal);

        var last = new HtmlParser().ParseDocument(await _portal.Portal.CreateClient().GetStringAsync(new Uri($"/search?q={Word}&page=50", UriKind.Relative)));
        Assert.Equal($"More than 1,000 stories match “{Word}”, page 50 of 50", last.QuerySelector(".result-count")?.TextContent);
        Assert.Null(last.QuerySelector(".pager a[rel=next]"));
    }
}
