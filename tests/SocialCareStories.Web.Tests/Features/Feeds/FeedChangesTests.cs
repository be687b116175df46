using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Feeds.FeedXml;

namespace SocialCareStories.Web.Tests.Features.Feeds;

/// <summary>Feeds and the sitemap after content changes; each test changes its own store, so each has its own portal.</summary>
public sealed class FeedChangesTests
{
    private const string Slug = "speak-up-at-the-back-there";

    [Fact]
    public async Task A_story_set_to_draft_leaves_the_sitemap_and_the_feed_once_the_content_cache_is_cleared()
    {
        using var portal = new PortalFactory();
        var client = portal.CreateClient();
        var storyUrl = $"http://localhost/stories/{Slug}";
        Assert.Contains(storyUrl, SitemapLocations((await GetAsync(client, "/sitemap.xml")).Document));

        await ChangeStoryAsync(portal, story => story.Status = StoryStatus.Draft);

        // Until content changes are announced the cached sitemap is served, which shows the endpoint is cached at all.
        Assert.Contains(storyUrl, SitemapLocations((await GetAsync(client, "/sitemap.xml")).Document));
        await portal.Services.GetRequiredService<ContentCache>().InvalidateAsync();
        Assert.DoesNotContain(storyUrl, SitemapLocations((await GetAsync(client, "/sitemap.xml")).Document));
        var feed = (await GetAsync(client, "/feed.xml")).Document;
        Assert.Equal(15, Entries(feed).Count);
        Assert.DoesNotContain(Slug, Entries(feed).Select(StorySlug));
    }

    [Fact]
    public async Task A_title_with_angle_brackets_ampersands_and_quotes_is_escaped_so_the_feed_stays_valid_xml()
    {
        using var portal = new PortalFactory();
        const string title = "Tea & biscuits: <b>\"care\"</b> isn't a 'cost' \u0001";
        await ChangeStoryAsync(portal, story => story.Title = title);

        var (feed, _) = await GetAsync(portal.CreateClient(), "/feed.xml");

        var entry = Entries(feed).Single(e => StorySlug(e) == Slug);
        Assert.Equal("Tea & biscuits: <b>\"care\"</b> isn't a 'cost' ", entry.Element(Atom + "title")?.Value);
    }

    [Fact]
    public async Task A_sector_feed_includes_a_story_filed_only_under_one_of_its_themes()
    {
        using var portal = new PortalFactory();
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync())
        {
            var story = await db.Stories.Include(s => s.Categories).SingleAsync(s => s.Slug == Slug);
            story.Categories.Clear();
            story.Categories.Add(await db.Categories.SingleAsync(c => c.Slug == "social-care-carers"));
            await db.SaveChangesAsync();
        }

        var (sector, _) = await GetAsync(portal.CreateClient(), "/categories/social-care/feed.xml");
        var (otherSector, _) = await GetAsync(portal.CreateClient(), "/categories/acute/feed.xml");

        Assert.Contains(Slug, Entries(sector).Select(StorySlug));
        Assert.DoesNotContain(Slug, Entries(otherSector).Select(StorySlug));
    }

    private static async Task ChangeStoryAsync(PortalFactory portal, Action<Story> change)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var story = await db.Stories.SingleAsync(s => s.Slug == Slug);
        change(story);
        await db.SaveChangesAsync();
    }
}
