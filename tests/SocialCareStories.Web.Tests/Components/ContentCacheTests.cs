using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Features.Comments;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Components;

/// <summary>
/// Which cached pages each change evicts, through the real output cache on a real store. A page "left cached" is
/// caught by a change made behind the portal's back (straight into the store, evicting nothing): a page still
/// without that change was served from the cache.
/// </summary>
public sealed class ContentCacheTests : IDisposable
{
    private readonly EmptyPortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    private async Task<string> ReadAsync(string path)
    {
        using var client = _portal.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A published story of its own (tag and author), through the editor as an editor would.</summary>
    private async Task<EditResult> PublishAsync(string title, string tag, string body = "What happened, in a few words.")
    {
        var form = NewForm(title, body);
        form.Tags = [tag];
        form.Authors = [$"{tag} Writer"];
        return await CreateAsync(_portal, form, StoryTransition.Publish);
    }

    /// <summary>Retitles a story in the store without telling the portal, so no page is evicted.</summary>
    private async Task RetitleBehindTheCacheAsync(int storyId, string title)
    {
        await using var db = await DbAsync(_portal);
        await db.Stories.Where(s => s.Id == storyId).ExecuteUpdateAsync(set => set.SetProperty(s => s.Title, title));
    }

    [Fact]
    public async Task Approving_a_comment_leaves_the_home_page_and_the_lists_cached_and_refreshes_its_story_page()
    {
        var story = await PublishAsync("The allotment that grew a community", "Gardening");
        Assert.Contains("The allotment that grew a community", await ReadAsync("/"), StringComparison.Ordinal);
        Assert.Contains("The allotment that grew a community", await ReadAsync("/stories"), StringComparison.Ordinal);
        await ReadAsync($"/stories/{story.Slug}");
        await RetitleBehindTheCacheAsync(story.StoryId, "Retitled behind the cache");
        int commentId;
        await using (var db = await DbAsync(_portal))
        {
            var comment = new Comment { StoryId = story.StoryId, AuthorName = "Pat", Body = "Lovely to read about this.", Status = ModerationStatus.Pending, Position = 1 };
            db.Comments.Add(comment);
            await db.SaveChangesAsync();
            commentId = comment.Id;
        }

        await Comments.ModerateAsync(_portal, commentId, ModerationStatus.Pending, ModerationStatus.Approved);

        Assert.Contains("The allotment that grew a community", await ReadAsync("/"), StringComparison.Ordinal);
        Assert.Contains("The allotment that grew a community", await ReadAsync("/stories"), StringComparison.Ordinal);
        var page = await ReadAsync($"/stories/{story.Slug}");
        Assert.Contains("Lovely to read about this.", page, StringComparison.Ordinal);
        Assert.Contains("Retitled behind the cache", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_story_refreshes_the_home_page_and_its_own_page()
    {
        var draft = await CreateAsync(_portal, NewForm("The night shift that sang", "Carers formed a choir."));
        var slug = draft.Slug;
        Assert.DoesNotContain("The night shift that sang", await ReadAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("The night shift that sang", await ReadAsync("/feed.xml"), StringComparison.Ordinal);

        await EditingOf(_portal).SaveAsync((await EditingOf(_portal).LoadAsync(draft.StoryId))!, Edna, StoryTransition.Publish);

        Assert.Contains("The night shift that sang", await ReadAsync("/"), StringComparison.Ordinal);
        Assert.Contains("The night shift that sang", await ReadAsync("/feed.xml"), StringComparison.Ordinal);
        Assert.Contains("Carers formed a choir.", await ReadAsync($"/stories/{slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_published_storys_text_refreshes_the_pages_showing_it_and_leaves_other_listings_cached()
    {
        var edited = await PublishAsync("A ward that listens", "Hospitals", "The first version of the body.");
        var other = await PublishAsync("Apprentices in the kitchen", "Apprenticeships");
        Assert.Contains("The first version of the body.", await ReadAsync($"/stories/{edited.Slug}"), StringComparison.Ordinal);
        Assert.Contains("A ward that listens", await ReadAsync("/tags/hospitals"), StringComparison.Ordinal);
        Assert.Contains("The first version of the body.", await ReadAsync("/feed.xml"), StringComparison.Ordinal);
        Assert.Contains("Apprentices in the kitchen", await ReadAsync("/tags/apprenticeships"), StringComparison.Ordinal);
        await RetitleBehindTheCacheAsync(other.StoryId, "Retitled behind the cache");

        var form = (await EditingOf(_portal).LoadAsync(edited.StoryId))!;
        form.Body = "The second version of the body.";
        form.Summary = "A new summary for the cards.";
        await EditingOf(_portal).SaveAsync(form, Edna);

        Assert.Contains("The second version of the body.", await ReadAsync($"/stories/{edited.Slug}"), StringComparison.Ordinal);
        Assert.Contains("A new summary for the cards.", await ReadAsync("/tags/hospitals"), StringComparison.Ordinal);
        Assert.Contains("The second version of the body.", await ReadAsync("/feed.xml"), StringComparison.Ordinal);
        // The other tag's page does not show the edited story, so it is still the cached one.
        Assert.Contains("Apprentices in the kitchen", await ReadAsync("/tags/apprenticeships"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_draft_nobody_can_read_leaves_every_public_page_cached()
    {
        var published = await PublishAsync("Meals on wheels, reinvented", "Nutrition");
        var draft = await CreateAsync(_portal, NewForm("Not ready yet", "A draft."));
        Assert.Contains("Meals on wheels, reinvented", await ReadAsync("/stories"), StringComparison.Ordinal);
        Assert.Contains("Meals on wheels, reinvented", await ReadAsync($"/stories/{published.Slug}"), StringComparison.Ordinal);
        await RetitleBehindTheCacheAsync(published.StoryId, "Retitled behind the cache");

        var form = (await EditingOf(_portal).LoadAsync(draft.StoryId))!;
        form.Body = "Still a draft, edited.";
        await EditingOf(_portal).SaveAsync(form, Edna);

        Assert.Contains("Meals on wheels, reinvented", await ReadAsync("/stories"), StringComparison.Ordinal);
        Assert.Contains("Meals on wheels, reinvented", await ReadAsync($"/stories/{published.Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retagging_a_published_story_refreshes_the_lists_it_leaves_and_joins()
    {
        var story = await PublishAsync("Dementia cafe opens", "Dementia");
        Assert.Contains("Dementia cafe opens", await ReadAsync("/tags/dementia"), StringComparison.Ordinal);
        Assert.Equal(1, await CountCardsAsync("/stories"));

        var form = (await EditingOf(_portal).LoadAsync(story.StoryId))!;
        form.Tags = ["Community"];
        await EditingOf(_portal).SaveAsync(form, Edna);

        Assert.DoesNotContain("Dementia cafe opens", await ReadAsync("/tags/dementia"), StringComparison.Ordinal);
        Assert.Contains("Dementia cafe opens", await ReadAsync("/tags/community"), StringComparison.Ordinal);
    }

    private async Task<int> CountCardsAsync(string path) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await ReadAsync(path)).QuerySelectorAll("ul.story-list > li").Length;
}
