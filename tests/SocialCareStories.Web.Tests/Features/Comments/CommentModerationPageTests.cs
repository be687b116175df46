using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Comments.Pages;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Comments;

/// <summary>
/// The moderation queue component rendered by bunit over the test portal's store. Each test owns its
/// BunitContext and disposes it asynchronously: MudBlazor's services are only IAsyncDisposable.
/// </summary>
public sealed class CommentModerationPageTests(CommentsPortalFactory portal) : IClassFixture<CommentsPortalFactory>
{
    private BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLogging();
        context.Services.AddSingleton(portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<AuditLog>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<ContentCache>());
        context.Services.AddScoped<CommentModeration>();
        context.AddAuthorization().SetAuthorized("editor@example.org").SetRoles("Editor");
        return context;
    }

    private static IRenderedComponent<CommentModerationPage> RenderQueue(BunitContext context)
    {
        var page = context.Render<CommentModerationPage>();
        page.WaitForState(() => page.FindAll(".moderation-item").Count > 0 || page.Markup.Contains("Nothing to moderate", StringComparison.Ordinal), TestStore.ScreenLoadTimeout);
        return page;
    }

    [Fact]
    public async Task The_queue_shows_a_waiting_comment_with_its_story_and_the_count()
    {
        var comment = await Comments.LeaveAsync(portal, "Queue Reader", $"Please look at this {Guid.NewGuid():N}");

        await using var context = NewContext();
        var page = RenderQueue(context);

        var item = page.FindAll(".moderation-item").Single(i => i.TextContent.Contains(comment.Body, StringComparison.Ordinal));
        Assert.Equal("Queue Reader", item.QuerySelector("h2")?.TextContent);
        Assert.Equal($"/stories/{Comments.StorySlug}", item.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal(["Approve", "Reject", "Spam"], item.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Assert.Matches(@"^\d+ comments? (is|are) waiting for approval\.$", page.Find("#comments-waiting").TextContent);
    }

    [Fact]
    public async Task Approving_from_the_queue_stores_the_decision_and_takes_the_comment_off_the_queue()
    {
        var comment = await Comments.LeaveAsync(portal, "Approved Reader", $"Approve me {Guid.NewGuid():N}");
        await using var context = NewContext();
        var page = RenderQueue(context);

        page.FindAll(".moderation-item").Single(i => i.TextContent.Contains(comment.Body, StringComparison.Ordinal))
            .QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Approve").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(comment.Body, page.Markup, StringComparison.Ordinal));
        Assert.Equal(ModerationStatus.Approved, Assert.Single(await Comments.WithBodyAsync(portal, comment.Body)).Status);
    }

    [Fact]
    public async Task The_spam_tab_lists_spam_with_the_decisions_that_undo_it()
    {
        var comment = await Comments.LeaveAsync(portal, "Mistaken Reader", $"Not really spam {Guid.NewGuid():N}");
        await Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, ModerationStatus.Spam);
        await using var context = NewContext();
        var page = RenderQueue(context);

        page.FindAll(".mud-tab").Single(t => t.TextContent.StartsWith("Spam (", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains(comment.Body, page.Markup, StringComparison.Ordinal));
        var item = page.FindAll(".moderation-item").Single(i => i.TextContent.Contains(comment.Body, StringComparison.Ordinal));
        Assert.Equal(["Approve", "Reject"], item.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
    }
}

/// <summary>The queue under a flood: narrowed to the flooding sender, counted, and marked as spam in one click.</summary>
public sealed class CommentFloodPageTests(CommentsPortalFactory portal) : IClassFixture<CommentsPortalFactory>
{
    [Fact]
    public async Task A_moderator_narrows_the_queue_to_a_flooding_sender_and_marks_all_of_it_as_spam()
    {
        var flooder = $"Flooder {Guid.NewGuid():N}";
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync())
        {
            var storyId = await db.Stories.Where(s => s.Slug == Comments.StorySlug).Select(s => s.Id).SingleAsync();
            db.Comments.AddRange(Enumerable.Range(0, 60).Select(n => new Comment { StoryId = storyId, AuthorName = flooder, Body = $"Cheap pills {n}", Status = ModerationStatus.Pending, Position = 30_000 + n }));
            await db.SaveChangesAsync();
        }

        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLogging();
        context.Services.AddSingleton(portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<AuditLog>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<ContentCache>());
        context.Services.AddScoped<CommentModeration>();
        context.AddAuthorization().SetAuthorized("editor@example.org").SetRoles("Editor");
        var page = context.Render<CommentModerationPage>();
        page.WaitForState(() => page.FindAll("#moderation-sender").Count > 0, TestStore.ScreenLoadTimeout);

        // Find and click in one dispatch: the queue re-renders as it loads, which retires a found button's handler.
        await page.InvokeAsync(() => page.Find("#moderation-sender").Input(flooder));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Show this sender only").Click());
        page.WaitForAssertion(() => Assert.Equal($"Showing 1–50 of 60 from {flooder} (oldest first).", page.Find(".moderation-range").TextContent), TestStore.ScreenLoadTimeout);
        Assert.NotNull(page.Find(".mud-pagination"));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == $"Mark all 60 from {flooder} as spam").Click());

        page.WaitForAssertion(() => Assert.Contains($"No waiting comments from {flooder}.", page.Markup, StringComparison.Ordinal), TestStore.ScreenLoadTimeout);
        await using var check = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        Assert.Equal(60, await check.Comments.CountAsync(c => c.AuthorName == flooder && c.Status == ModerationStatus.Spam));
    }
}
