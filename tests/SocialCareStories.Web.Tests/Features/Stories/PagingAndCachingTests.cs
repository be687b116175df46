using System.Diagnostics;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>Paging, cache invalidation and query counts, each on a store of its own.</summary>
[Collection(nameof(RunsAlone))]
public sealed class PagingAndCachingTests : IDisposable
{
    private readonly EmptyPortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> GetAsync(string path) =>
        new HtmlParser().ParseDocument(await _portal.CreateClient().GetStringAsync(new Uri(path, UriKind.Relative)));

    [Fact]
    public async Task Stories_are_paged_twenty_at_a_time_newest_first_with_links_to_the_other_pages()
    {
        await GeneratedStories.AddAsync(_portal.Services, 45);

        var first = await GetAsync("/stories");
        var third = await GetAsync("/stories?page=3");

        Assert.Equal(20, first.QuerySelectorAll("ul.story-list > li").Length);
        Assert.Equal("Story generated 44", first.QuerySelector("ul.story-list h3 a")?.TextContent);
        Assert.Equal(5, third.QuerySelectorAll("ul.story-list > li").Length);
        Assert.Equal("/stories?page=2", first.QuerySelector(".pager a[rel=next]")?.GetAttribute("href"));
        Assert.Equal("/stories?page=2", third.QuerySelector(".pager a[rel=prev]")?.GetAttribute("href"));
        Assert.Contains("page 3 of 3", third.QuerySelector(".result-count")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_keeps_the_filters_in_its_links()
    {
        await GeneratedStories.AddAsync(_portal.Services, 25);

        var document = await GetAsync("/stories?kind=blog-post");

        Assert.Equal("/stories?kind=blog-post&page=2", document.QuerySelector(".pager a[rel=next]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task An_import_clears_the_cached_pages_so_readers_see_the_new_story_at_once()
    {
        await GetAsync("/stories");
        await GetAsync("/stories");
        using var folder = new TempFolder();
        folder.Write("news.txt", "A freshly imported headline\n\nThe body of a freshly imported post, long enough to read as prose.\n");

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(folder.Path);
        }

        var after = await GetAsync("/stories");
        Assert.Contains("A freshly imported headline", after.QuerySelector("ul.story-list")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/stories")]
    [InlineData("/")]
    [InlineData("/authors/writer-small-0")]
    public async Task A_page_runs_the_same_number_of_queries_however_many_stories_it_lists(string path)
    {
        await GeneratedStories.AddAsync(_portal.Services, 3, "small");
        var few = await CountQueriesAsync(path);
        await GeneratedStories.AddAsync(_portal.Services, 40, "large");
        var many = await CountQueriesAsync(path);

        Assert.True(few > 0, "no queries were counted");
        Assert.Equal(few, many);
    }

    private async Task<int> CountQueriesAsync(string path)
    {
        // Only the cached pages are forgotten (not the facets or related stories), so the page is rendered again.
        await _portal.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(SocialCareStories.Web.Components.ContentCache.Tag, default);
        using var counter = new CommandCounter();
        await _portal.CreateClient().GetStringAsync(new Uri(path, UriKind.Relative));
        return counter.Count;
    }

    /// <summary>Counts EF Core's executed commands through its DiagnosticSource events (tests in this collection run alone).</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public CommandCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
    }
}
