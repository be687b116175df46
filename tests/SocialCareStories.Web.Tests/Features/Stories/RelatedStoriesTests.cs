using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Tags;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>Related stories: most categories and tags shared first, newest first among equals, published only.</summary>
public sealed class RelatedStoriesTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task Related_stories_share_the_most_categories_and_tags_then_are_newest_and_are_all_published()
    {
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync())
        {
            var sector = new Category { Name = "Related sector", Slug = "related-sector" };
            var first = new Tag { Name = "Related one", Slug = "related-one" };
            var second = new Tag { Name = "Related two", Slug = "related-two" };
            Story Add(string slug, StoryStatus status, Category[] categories, Tag[] tags)
            {
                var story = new Story { Title = slug, Slug = slug, Status = status, BodyMarkdown = "Words.", Categories = [.. categories], Tags = [.. tags] };
                db.Stories.Add(story);
                return story;
            }

            // Added in this order, so ids (and "newest") rise down the list.
            Add("shares-all-three", StoryStatus.Published, [sector], [first, second]);
            Add("shares-the-sector", StoryStatus.Published, [sector], []);
            Add("shares-two", StoryStatus.Published, [sector], [first]);
            Add("shares-the-second-tag", StoryStatus.Published, [], [second]);
            Add("a-draft-sharing-all", StoryStatus.Draft, [sector], [first, second]);
            Add("shares-nothing", StoryStatus.Published, [], []);
            Add("the-story", StoryStatus.Published, [sector], [first, second]);
            await db.SaveChangesAsync();
        }

        await using var scope = portal.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<StoryReader>().FindPublishedAsync("the-story");

        Assert.Equal(["shares-all-three", "shares-two", "shares-the-second-tag", "shares-the-sector"], view!.Related.Select(r => r.Slug));
    }

    [Fact]
    public async Task Related_stories_are_still_four_published_ones_when_the_best_ranked_candidates_are_drafts()
    {
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync())
        {
            var sector = new Category { Name = "Busy sector", Slug = "busy-sector" };
            var tag = new Tag { Name = "Busy tag", Slug = "busy-tag" };
            Story Add(string slug, StoryStatus status, Tag[] tags)
            {
                var story = new Story { Title = slug, Slug = slug, Status = status, BodyMarkdown = "Words.", Categories = [sector], Tags = [.. tags] };
                db.Stories.Add(story);
                return story;
            }

            // Five published stories sharing only the sector, then twenty drafts sharing the sector and the tag:
            // the drafts rank above every published one, and are newer.
            for (var i = 1; i <= 5; i++)
            {
                Add($"busy-published-{i}", StoryStatus.Published, []);
            }

            for (var i = 1; i <= 20; i++)
            {
                Add($"busy-draft-{i}", StoryStatus.Draft, [tag]);
            }

            Add("busy-story", StoryStatus.Published, [tag]);
            await db.SaveChangesAsync();
        }

        await using var scope = portal.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<StoryReader>().FindPublishedAsync("busy-story");

        Assert.Equal(["busy-published-5", "busy-published-4", "busy-published-3", "busy-published-2"], view!.Related.Select(r => r.Slug));
    }
}
