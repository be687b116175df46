using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>
/// The newest stories of each category and tag are kept in memory for ranking related stories: a change made here
/// shows at once, one made by another instance (straight to the store) within the lists' lifetime.
/// </summary>
public sealed class RelatedCandidatesTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task A_story_published_here_is_among_the_related_stories_of_a_page_read_just_before()
    {
        var first = await CreateAsync(portal, Tagged("Kinship care at home", "Kinship carers"), StoryTransition.Publish);
        await CreateAsync(portal, Tagged("Kinship care in schools", "Kinship carers"), StoryTransition.Publish);
        Assert.Equal(["kinship-care-in-schools"], (await PageAsync(first.Slug!)).Related.Select(r => r.Slug));

        await CreateAsync(portal, Tagged("Kinship care in the law", "Kinship carers"), StoryTransition.Publish);

        Assert.Equal(["kinship-care-in-the-law", "kinship-care-in-schools"], (await PageAsync(first.Slug!)).Related.Select(r => r.Slug));
    }

    [Fact]
    public async Task A_list_changed_elsewhere_is_read_again_once_its_lifetime_is_over_and_not_before()
    {
        var story = await CreateAsync(portal, Tagged("Shared lives in Leeds", "Shared lives"), StoryTransition.Publish);
        var older = await CreateAsync(portal, Tagged("Shared lives in York", "Shared lives"), StoryTransition.Publish);
        var clock = new TestClock(DateTimeOffset.UtcNow);
        var candidates = new RelatedCandidates(clock);
        int tagId;
        await using (var db = await DbAsync(portal))
        {
            tagId = db.Tags.Single(t => t.Slug == "shared-lives").Id;
        }

        async Task<IReadOnlyList<int>> RankAsync()
        {
            await using var read = await portal.Services.GetRequiredService<ReadConnections>().OpenAsync();
            return await candidates.RankAsync(read, story.StoryId, [], [tagId], count: 4, CancellationToken.None);
        }

        Assert.Equal([older.StoryId], await RankAsync());

        // As another instance would publish: nothing tells this list to forget.
        var newer = await CreateAsync(portal, Tagged("Shared lives in Hull", "Shared lives"), StoryTransition.Publish);
        Assert.Equal([older.StoryId], await RankAsync());
        clock.Now += RelatedCandidates.Lifetime - TimeSpan.FromSeconds(1);
        Assert.Equal([older.StoryId], await RankAsync());

        clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal([newer.StoryId, older.StoryId], await RankAsync());

        // As this instance publishes: the content cache tells the lists to forget.
        var newest = await CreateAsync(portal, Tagged("Shared lives in Bath", "Shared lives"), StoryTransition.Publish);
        candidates.Forget();
        Assert.Equal([newest.StoryId, newer.StoryId, older.StoryId], await RankAsync());
    }

    [Fact]
    public void Ranking_counts_only_the_newest_links_and_puts_the_most_shared_first_then_the_newest()
    {
        int[] category = [.. Enumerable.Range(1, RelatedCandidates.CandidateLinks + 1).Reverse()];
        int[] tag = [900_001, 7, 5, 3];

        var ranked = RelatedCandidates.Rank(storyId: 401, [category, tag], count: 6);

        // 401 is the story itself, and 900,001 the newest link. 7, 5 and 3 are in both lists, but 3's two links are
        // older than the newest 400 of the two lists together.
        Assert.Equal([7, 5, 900_001, 400, 399, 398], ranked);
    }

    private async Task<StoryView> PageAsync(string slug)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoryReader>().FindPublishedAsync(slug) ?? throw new InvalidOperationException($"{slug} is not published");
    }

    private static StoryForm Tagged(string title, string tag) =>
        new() { Title = title, Body = "What happened.", Summary = "A story.", Authors = ["Jane Writer"], Tags = [tag] };
}
