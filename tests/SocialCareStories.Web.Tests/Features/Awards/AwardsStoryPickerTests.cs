using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Awards.Admin;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Awards;

/// <summary>
/// The story and case-study pickers on /admin/awards/years/{id} are for awards admins only, who may link an entry to a
/// story before it is published; they must see that it is not public yet.
/// </summary>
public sealed class AwardsStoryPickerTests(DraftOnlyPortalFactory portal) : IClassFixture<DraftOnlyPortalFactory>
{
    private async Task<IReadOnlyList<PickOption>> FindAsync(Func<AwardsAdministration, Task<IReadOnlyList<PickOption>>> find)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await find(scope.ServiceProvider.GetRequiredService<AwardsAdministration>());
    }

    [Fact]
    public async Task The_story_picker_labels_a_draft_as_a_draft_and_a_published_story_plainly()
    {
        var drafts = await FindAsync(a => a.FindStoriesAsync("draft nobody"));
        var published = await FindAsync(a => a.FindStoriesAsync("speak up"));

        Assert.Equal($"{DraftOnlyPortalFactory.StoryTitle} (Draft)", Assert.Single(drafts).Label);
        Assert.All(published, option => Assert.Equal(option.Title, option.Label));
    }

    [Fact]
    public async Task The_case_study_picker_labels_a_scheduled_and_an_unpublished_storys_case_study()
    {
        var scheduled = await FindAsync(a => a.FindCaseStudiesAsync(DraftOnlyPortalFactory.ScheduledTitle));
        var unpublished = await FindAsync(a => a.FindCaseStudiesAsync(DraftOnlyPortalFactory.UnpublishedTitle));

        Assert.EndsWith("(Scheduled)", Assert.Single(scheduled).Label, StringComparison.Ordinal);
        Assert.EndsWith("(Unpublished)", Assert.Single(unpublished).Label, StringComparison.Ordinal);
    }
}
