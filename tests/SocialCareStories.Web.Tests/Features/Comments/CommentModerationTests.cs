using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Comments;

/// <summary>What moderation does to the public story page, the audit trail, and who may moderate.</summary>
public sealed class CommentModerationTests(CommentsPortalFactory portal) : IClassFixture<CommentsPortalFactory>
{
    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    private async Task<string> StoryPageAsync() =>
        await portal.CreateClient().GetStringAsync(new Uri($"/stories/{Comments.StorySlug}", UriKind.Relative));

    private async Task<List<Web.Features.Audit.AuditEntry>> AuditFor(int commentId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var id = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking().Where(e => e.ItemType == nameof(Comment) && e.ItemId == id).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Approving_a_comment_shows_it_at_once_on_the_cached_story_page()
    {
        var comment = await Comments.LeaveAsync(portal, "Pat Reader", Unique("Thank you for writing this."));
        // A comment approved behind the portal's back: it shows only once the cached page is cleared.
        var bystander = Unique("Approved without clearing the cache.");
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync())
        {
            var storyId = await db.Stories.Where(s => s.Slug == Comments.StorySlug).Select(s => s.Id).SingleAsync();
            await StoryPageAsync();
            db.Comments.Add(new Comment { StoryId = storyId, AuthorName = "Bystander", Body = bystander, Status = ModerationStatus.Approved, Position = 10_000 });
            await db.SaveChangesAsync();
        }

        var cached = await StoryPageAsync();
        var result = await Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, ModerationStatus.Approved);
        var after = await StoryPageAsync();

        Assert.DoesNotContain(bystander, cached, StringComparison.Ordinal);
        Assert.DoesNotContain(comment.Body, cached, StringComparison.Ordinal);
        Assert.Equal(ModerationOutcome.Done, result.Outcome);
        Assert.Contains(comment.Body, after, StringComparison.Ordinal);
        Assert.Contains(bystander, after, StringComparison.Ordinal);
        var entry = Assert.Single(await AuditFor(comment.Id));
        Assert.Equal("comment.approved", entry.Action);
        Assert.Equal("Test Editor", entry.UserName);
        Assert.Equal("editor-id", entry.UserId);
    }

    [Theory]
    [InlineData(ModerationStatus.Rejected, "comment.rejected")]
    [InlineData(ModerationStatus.Spam, "comment.spam")]
    public async Task A_rejected_or_spam_comment_stays_hidden_from_readers(ModerationStatus decision, string action)
    {
        var comment = await Comments.LeaveAsync(portal, "Pat Reader", Unique("Not for publishing."));

        var result = await Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, decision);
        var page = await StoryPageAsync();

        Assert.Equal(ModerationOutcome.Done, result.Outcome);
        Assert.DoesNotContain(comment.Body, page, StringComparison.Ordinal);
        Assert.Equal(decision, Assert.Single(await Comments.WithBodyAsync(portal, comment.Body)).Status);
        Assert.Equal(action, Assert.Single(await AuditFor(comment.Id)).Action);
    }

    [Fact]
    public async Task Unapproving_a_comment_removes_it_from_the_cached_story_page()
    {
        var comment = await Comments.LeaveAsync(portal, "Pat Reader", Unique("Approved by mistake."));
        await Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, ModerationStatus.Approved);
        var shown = await StoryPageAsync();

        await Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Approved, ModerationStatus.Rejected);
        var hidden = await StoryPageAsync();

        Assert.Contains(comment.Body, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(comment.Body, hidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_and_script_in_a_comment_are_shown_as_text()
    {
        const string name = "<script>alert('name')</script>";
        var body = Unique("<img src=x onerror=alert(1)>\n\n<a href=\"javascript:alert(2)\" onclick=\"alert(3)\">click</a><svg onload=alert(4)>");
        var comment = await Comments.LeaveAsync(portal, name, body);
        await Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, ModerationStatus.Approved);

        var document = new HtmlParser().ParseDocument(await StoryPageAsync());
        var shown = document.QuerySelectorAll(".comments .comment").Single(c => c.TextContent.Contains(body.Split("\n\n")[1], StringComparison.Ordinal));

        Assert.Equal(name, shown.QuerySelector(".comment__author")?.TextContent);
        Assert.Equal(body.Split("\n\n"), shown.QuerySelectorAll("p").Select(p => p.TextContent));
        Assert.Empty(document.QuerySelectorAll(".comments script, .comments img, .comments svg, .comments a[href^='javascript']"));
        Assert.DoesNotContain(document.QuerySelectorAll(".comments *"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task The_second_of_two_moderators_is_told_the_comment_was_already_moderated()
    {
        var comment = await Comments.LeaveAsync(portal, "Pat Reader", Unique("Two editors look at this."));

        var first = await Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, ModerationStatus.Approved);
        var second = await Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, ModerationStatus.Spam);

        Assert.Equal(ModerationOutcome.Done, first.Outcome);
        Assert.Equal(new ModerationResult(ModerationOutcome.AlreadyModerated, ModerationStatus.Approved), second);
        Assert.Equal(ModerationStatus.Approved, Assert.Single(await Comments.WithBodyAsync(portal, comment.Body)).Status);
        Assert.Equal("comment.approved", Assert.Single(await AuditFor(comment.Id)).Action);
    }

    [Fact]
    public async Task Two_moderators_acting_at_the_same_moment_change_the_comment_once()
    {
        var comment = await Comments.LeaveAsync(portal, "Pat Reader", Unique("Clicked twice at once."));

        var results = await Task.WhenAll(
            Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, ModerationStatus.Rejected),
            Comments.ModerateAsync(portal, comment.Id, ModerationStatus.Pending, ModerationStatus.Spam));

        Assert.Single(results, r => r.Outcome == ModerationOutcome.Done);
        Assert.Single(results, r => r.Outcome == ModerationOutcome.AlreadyModerated);
        Assert.Single(await AuditFor(comment.Id));
    }

    [Fact]
    public async Task The_queue_lists_pending_comments_oldest_first_with_their_story()
    {
        var older = await Comments.LeaveAsync(portal, "First Reader", Unique("Queued first."));
        var newer = await Comments.LeaveAsync(portal, "Second Reader", Unique("Queued second."));
        await using var scope = portal.Services.CreateAsyncScope();
        var moderation = scope.ServiceProvider.GetRequiredService<CommentModeration>();

        var queue = await moderation.ListAsync(ModerationStatus.Pending);
        var counts = await moderation.CountsAsync();

        var ids = queue.Comments.Select(c => c.Id).ToList();
        Assert.True(ids.IndexOf(older.Id) >= 0 && ids.IndexOf(older.Id) < ids.IndexOf(newer.Id));
        Assert.All(queue.Comments, c => Assert.Equal(ModerationStatus.Pending, c.Status));
        Assert.Equal(Comments.StorySlug, queue.Comments.Single(c => c.Id == older.Id).StorySlug);
        Assert.Equal(queue.Total, counts[ModerationStatus.Pending]);
    }

    [Fact]
    public async Task An_anonymous_visitor_to_the_queue_is_sent_to_sign_in()
    {
        using var client = StaffAccounts.NewClient(portal);

        using var response = await client.GetAsync(new Uri("/admin/comments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Fadmin%2Fcomments", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task An_awards_admin_is_refused_the_queue_and_an_editor_reaches_it()
    {
        using var awardsAdmin = await StaffAccounts.SignedInAsync(portal, Roles.AwardsAdmin);
        using var editor = await StaffAccounts.SignedInAsync(portal, Roles.Editor);

        using var refused = await awardsAdmin.GetAsync(new Uri("/admin/comments", UriKind.Relative));
        using var allowed = await editor.GetAsync(new Uri("/admin/comments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("<h1", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
