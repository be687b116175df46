using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Hosting.SeveralInstances;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Hosting.SeveralInstances;

/// <summary>Two instances on one store and one real redis-server: a change made on one is what readers of the other see.</summary>
public sealed class SharedOutputCacheTests : IDisposable
{
    private readonly RedisServer _redis = RedisServer.Start();

    private Dictionary<string, string?> WithRedis => new() { ["Redis:Configuration"] = _redis.Configuration };

    [Fact]
    public async Task With_Redis_a_story_published_on_one_instance_is_read_at_once_on_the_other()
    {
        using var store = new SharedStore();
        var a = store.StartInstance(WithRedis);
        var b = store.StartInstance(WithRedis);
        var draft = await CreateAsync(a, NewForm("The numbatberry orchard", "Neighbours pick numbatberries."));
        Assert.DoesNotContain("numbatberry", await ReadAsync(b, "/stories"), StringComparison.OrdinalIgnoreCase);

        await EditingOf(a).SaveAsync((await EditingOf(a).LoadAsync(draft.StoryId))!, Edna, StoryTransition.Publish);

        Assert.Contains("The numbatberry orchard", await ReadAsync(b, "/stories"), StringComparison.Ordinal);
        Assert.Contains("Neighbours pick numbatberries.", await ReadAsync(b, $"/stories/{draft.Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_Redis_each_instance_keeps_its_own_cache_and_the_other_serves_a_stale_page()
    {
        using var store = new SharedStore();
        var a = store.StartInstance();
        var b = store.StartInstance();
        var draft = await CreateAsync(a, NewForm("The bilbyleaf garden", "Friends grow bilbyleaves."));
        Assert.DoesNotContain("bilbyleaf", await ReadAsync(b, "/stories"), StringComparison.OrdinalIgnoreCase);

        await EditingOf(a).SaveAsync((await EditingOf(a).LoadAsync(draft.StoryId))!, Edna, StoryTransition.Publish);

        // Why several instances need Redis: A cleared only its own memory.
        Assert.DoesNotContain("bilbyleaf", await ReadAsync(b, "/stories"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("The bilbyleaf garden", await ReadAsync(a, "/stories"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_one_instance_cached_in_Redis_is_served_by_the_other_until_ContentCache_evicts_it()
    {
        using var store = new SharedStore();
        var a = store.StartInstance(WithRedis);
        var b = store.StartInstance(WithRedis);
        Assert.IsType<ResilientOutputCacheStore>(a.Services.GetRequiredService<IOutputCacheStore>());
        var story = await CreateAsync(a, NewForm("The potoroo pantry", "Volunteers stock the pantry."), StoryTransition.Publish);
        Assert.Contains("The potoroo pantry", await ReadAsync(a, $"/stories/{story.Slug}"), StringComparison.Ordinal);

        // Changed behind the portal's back, so nothing clears the cache: B has never rendered the page, yet serves A's copy.
        await using (var db = await DbAsync(a))
        {
            await db.Stories.Where(s => s.Id == story.StoryId).ExecuteUpdateAsync(set => set.SetProperty(s => s.Title, "The renamed pantry"));
        }

        Assert.Contains("The potoroo pantry", await ReadAsync(b, $"/stories/{story.Slug}"), StringComparison.Ordinal);

        await a.Services.GetRequiredService<ContentCache>().InvalidateAsync();

        Assert.Contains("The renamed pantry", await ReadAsync(b, $"/stories/{story.Slug}"), StringComparison.Ordinal);
        Assert.Contains("The renamed pantry", await ReadAsync(a, $"/stories/{story.Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Redis_an_edit_on_one_instance_evicts_that_storys_pages_on_the_other_and_only_those()
    {
        using var store = new SharedStore();
        var a = store.StartInstance(WithRedis);
        var b = store.StartInstance(WithRedis);
        var edited = await CreateAsync(a, NewForm("The quoll quilt club", "The first pattern."), StoryTransition.Publish);
        var otherForm = NewForm("The dunnart darts team", "Darts on Tuesdays.");
        otherForm.Tags = ["Sport"];
        var other = await CreateAsync(a, otherForm, StoryTransition.Publish);
        Assert.Contains("The first pattern.", await ReadAsync(b, $"/stories/{edited.Slug}"), StringComparison.Ordinal);
        Assert.Contains("The dunnart darts team", await ReadAsync(b, "/tags/sport"), StringComparison.Ordinal);
        await using (var db = await DbAsync(a))
        {
            await db.Stories.Where(s => s.Id == other.StoryId).ExecuteUpdateAsync(set => set.SetProperty(s => s.Title, "Retitled behind the cache"));
        }

        var form = (await EditingOf(a).LoadAsync(edited.StoryId))!;
        form.Body = "The second pattern.";
        await EditingOf(a).SaveAsync(form, Edna);

        Assert.Contains("The second pattern.", await ReadAsync(b, $"/stories/{edited.Slug}"), StringComparison.Ordinal);
        Assert.Contains("The dunnart darts team", await ReadAsync(b, "/tags/sport"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_Redis_goes_away_readers_still_get_pages_and_editors_can_still_publish()
    {
        using var store = new SharedStore();
        var a = store.StartInstance(WithRedis);
        var draft = await CreateAsync(a, NewForm("The dunnart den", "Children build a den."));
        Assert.Contains("<html", await ReadAsync(a, "/stories"), StringComparison.Ordinal);

        _redis.Dispose();

        var published = await EditingOf(a).SaveAsync((await EditingOf(a).LoadAsync(draft.StoryId))!, Edna, StoryTransition.Publish);
        Assert.Equal(EditOutcome.Saved, published.Outcome);
        Assert.Contains("The dunnart den", await ReadAsync(a, "/stories"), StringComparison.Ordinal);
        Assert.Contains("Children build a den.", await ReadAsync(a, $"/stories/{draft.Slug}"), StringComparison.Ordinal);
    }

    public void Dispose() => _redis.Dispose();

    private static async Task<string> ReadAsync(PortalFactory portal, string path)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
