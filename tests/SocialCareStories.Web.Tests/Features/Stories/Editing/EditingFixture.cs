using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

/// <summary>A clock tests can move.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The story editing services of a real portal on its own empty store.</summary>
public static class Editors
{
    public static readonly Actor Edna = new("user-edna", "Edna Editor");
    public static readonly Actor Omar = new("user-omar", "Omar Other");

    public static T Get<T>(PortalFactory portal) where T : notnull => portal.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public static StoryEditing EditingOf(PortalFactory portal) => Get<StoryEditing>(portal);

    public static async Task<StoriesDbContext> DbAsync(PortalFactory portal) =>
        await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();

    public static StoryForm NewForm(string title = "Our new day centre opens", string body = "It opened on Monday.\n\nEveryone came.") =>
        new() { Title = title, Body = body, Summary = "A day centre for the town.", Authors = ["Jane Writer"], Tags = ["Day care"] };

    public static async Task<EditResult> CreateAsync(PortalFactory portal, StoryForm? form = null, StoryTransition transition = StoryTransition.Save)
    {
        var result = await EditingOf(portal).SaveAsync(form ?? NewForm(), Edna, transition);
        Assert.Equal(EditOutcome.Saved, result.Outcome);
        return result;
    }
}
