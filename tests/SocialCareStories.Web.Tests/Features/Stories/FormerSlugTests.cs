using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>When an editor changes a story's slug, links to its old address still lead to it.</summary>
public sealed class FormerSlugTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task A_story_whose_slug_changed_is_found_from_its_old_address()
    {
        var story = await CreateAsync(portal, NewForm("Moving house with support"), StoryTransition.Publish);
        await ChangeSlugAsync(story.StoryId, "moving-home-with-support");

        var old = await GetAsync("/stories/moving-house-with-support");

        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.EndsWith("/stories/moving-home-with-support", old.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/stories/moving-home-with-support")).StatusCode);
    }

    [Fact]
    public async Task An_old_address_leads_to_the_latest_story_that_had_it_and_never_past_a_story_living_there()
    {
        var first = await CreateAsync(portal, NewForm("Night sitting service"), StoryTransition.Publish);
        await ChangeSlugAsync(first.StoryId, "night-sitting-in-the-dales");
        var second = await CreateAsync(portal, NewForm("Night sitting service"), StoryTransition.Publish);

        // The old address is a live story's again: it is that story's page, not a redirect.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/stories/night-sitting-service")).StatusCode);

        // And when that story moves on too, its old address follows it, not the first story.
        await ChangeSlugAsync(second.StoryId, "night-sitting-in-the-fens");
        Assert.EndsWith("/stories/night-sitting-in-the-fens", (await GetAsync("/stories/night-sitting-service")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_old_address_of_a_story_no_longer_published_is_not_found()
    {
        var story = await CreateAsync(portal, NewForm("Befriending by phone"), StoryTransition.Publish);
        await ChangeSlugAsync(story.StoryId, "befriending-by-telephone");
        var form = (await EditingOf(portal).LoadAsync(story.StoryId))!;
        Assert.Equal(EditOutcome.Saved, (await EditingOf(portal).SaveAsync(form, Edna, StoryTransition.Unpublish)).Outcome);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/stories/befriending-by-phone")).StatusCode);
    }

    private async Task ChangeSlugAsync(int storyId, string slug)
    {
        var form = (await EditingOf(portal).LoadAsync(storyId))!;
        form.Slug = slug;
        var saved = await EditingOf(portal).SaveAsync(form, Edna);
        Assert.Equal(EditOutcome.Saved, saved.Outcome);
        Assert.Equal(slug, saved.Slug);
    }

    private Task<HttpResponseMessage> GetAsync(string path) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(new Uri(path, UriKind.Relative));
}
