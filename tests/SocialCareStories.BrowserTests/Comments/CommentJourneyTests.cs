using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Comments;

[Collection(SharedPortal.Name)]
public sealed class CommentJourneyTests(PortalInBrowser portal)
{
    private const string StoryPath = "/stories/speak-up-at-the-back-there";

    [Fact]
    public async Task A_reader_leaves_a_comment_that_appears_after_approval()
    {
        var text = $"This helped our team talk about raising concerns. ({Guid.NewGuid():N})";
        await using var readerContext = await portal.NewContextAsync();
        var reader = await readerContext.NewPageAsync();

        await reader.GotoAsync(StoryPath);
        var comments = reader.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Comments") });
        await comments.GetByRole(AriaRole.Link, new() { Name = "Leave a comment" }).ClickAsync();
        await Expect(reader).ToHaveURLAsync(new Regex("/comment$"));
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Leave a comment on");
        await reader.GetByLabel("Your name").FillAsync("Robin Reader");
        await reader.GetByLabel("Comment").FillAsync(text);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();

        await Expect(reader).ToHaveURLAsync(new Regex("/comment\\?sent=true$"));
        await Expect(reader.GetByRole(AriaRole.Status)).ToContainTextAsync("waiting for approval by an editor");
        await reader.GotoAsync(StoryPath);
        await Expect(comments.GetByText(text)).ToHaveCountAsync(0);

        var (editorContext, editor, _) = await portal.SignedInAsync("Editor");
        await using (editorContext)
        {
            await editor.GotoAsync("/admin/comments");
            await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Comments" })).ToBeVisibleAsync();
            var item = editor.Locator(".moderation-item", new() { HasText = text });
            await Expect(item).ToBeVisibleAsync();
            await Expect(item.GetByRole(AriaRole.Heading, new() { Name = "Robin Reader" })).ToBeVisibleAsync();
            await ClickWhenInteractiveAsync(item.GetByRole(AriaRole.Button, new() { Name = "Approve" }), item);
            await Expect(editor.GetByText("Approved the comment by Robin Reader")).ToBeVisibleAsync();
        }

        await reader.ReloadAsync();
        await Expect(comments.Locator(".comment", new() { HasText = text }).GetByRole(AriaRole.Heading, new() { Name = "Robin Reader" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// The queue is prerendered before its circuit connects, and a click before then does nothing; click until
    /// the comment leaves the queue (once it has, the button is gone, so the decision is made once).
    /// </summary>
    private static async Task ClickWhenInteractiveAsync(ILocator button, ILocator item)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await item.CountAsync() == 0)
            {
                return;
            }

            await button.ClickAsync(new() { Timeout = 5_000 });
            try
            {
                await Expect(item).ToHaveCountAsync(0, new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException)
            {
                // Not connected yet: try again.
            }
        }

        await Expect(item).ToHaveCountAsync(0);
    }
}
