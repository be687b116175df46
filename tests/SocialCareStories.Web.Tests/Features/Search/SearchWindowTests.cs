using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Search;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Search;

/// <summary>A word in more stories than the ranked window: relevance first, then the rest, and nothing lost.</summary>
public sealed class SearchWindowTests : IDisposable
{
    private const int Stories = SearchService.RankedWindow + 45;
    private readonly EmptyPortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Search_pages_through_every_match_of_a_common_word_exactly_once_with_an_exact_total()
    {
        await GeneratedStories.AddAsync(_portal.Services, Stories, "zephyrwide");
        await using var scope = _portal.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();

        var seen = new List<int>();
        StoryPage<SearchHit> page;
        var number = 1;
        do
        {
            page = await search.SearchAsync("zephyrwide", new StoryFilter { Page = number++ }, pageSize: 100);
            Assert.Equal(Stories, page.Total);
            seen.AddRange(page.Items.Select(hit => hit.Story.Id));
        }
        while (page.Page < page.PageCount);

        Assert.Equal(Stories, seen.Count);
        Assert.Equal(Stories, seen.Distinct().Count());
        Assert.All(page.Items, hit => Assert.Contains("<mark>", hit.SnippetHtml, StringComparison.Ordinal));
    }
}
