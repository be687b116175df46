using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Comments.Pages;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Comments;

/// <summary>A reader's comment form over real HTTP: antiforgery, validation, the bot trap and the thanks after sending.</summary>
public sealed class CommentFormTests(CommentsPortalFactory portal) : IClassFixture<CommentsPortalFactory>
{
    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    [Fact]
    public async Task A_sent_comment_waits_for_approval_and_is_not_shown_to_readers()
    {
        var body = Unique("I found this story moving.");
        using var client = StaffAccounts.NewClient(portal);

        using var response = await Comments.PostAsync(client, "  Jo Reader  ", body);
        var thanks = await client.GetDocumentAsync(response.Headers.Location!.PathAndQuery);
        var story = await portal.CreateClient().GetStringAsync(new Uri($"/stories/{Comments.StorySlug}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/stories/{Comments.StorySlug}/comment?sent=true", response.Headers.Location?.PathAndQuery);
        Assert.Equal(LeaveComment.WaitingMessage, thanks.QuerySelector("#comment-sent")?.TextContent);
        Assert.Null(thanks.QuerySelector("form.comment-form"));
        var stored = Assert.Single(await Comments.WithBodyAsync(portal, body));
        Assert.Equal("Jo Reader", stored.AuthorName);
        Assert.Equal(ModerationStatus.Pending, stored.Status);
        Assert.False(stored.IsImported);
        Assert.NotNull(stored.PostedAt);
        Assert.DoesNotContain(body, story, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_story_page_links_to_the_comment_form_and_stays_cacheable()
    {
        using var client = StaffAccounts.NewClient(portal);

        using var response = await client.GetAsync(new Uri($"/stories/{Comments.StorySlug}", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), "the story page sets a cookie, so it cannot be cached");
        Assert.Null(document.QuerySelector("form[method=post]"));
        Assert.Equal(Comments.FormPath(), document.QuerySelector(".comments a[href$='/comment']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_form_has_a_label_for_every_field_and_one_heading()
    {
        using var client = StaffAccounts.NewClient(portal);

        var document = await client.GetDocumentAsync(Comments.FormPath());

        HtmlPages.AssertHeadingsInOrder(document);
        Assert.Equal("Your name", document.QuerySelector("label[for=comment-name]")?.TextContent);
        Assert.Equal("Comment", document.QuerySelector("label[for=comment-body]")?.TextContent);
        Assert.Equal("Input.Name", document.QuerySelector("#comment-name")?.GetAttribute("name"));
        Assert.Equal("Input.Body", document.QuerySelector("#comment-body")?.GetAttribute("name"));
        Assert.NotNull(document.QuerySelector("form.comment-form input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        var body = Unique("Forged comment");
        using var client = StaffAccounts.NewClient(portal);

        using var response = await Comments.PostAsync(client, "Mallory", body, change: form => form.Remove("__RequestVerificationToken"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Comments.WithBodyAsync(portal, body));
    }

    [Fact]
    public async Task A_missing_name_is_reported_next_to_the_field_and_the_typed_comment_is_kept()
    {
        var body = Unique("A comment I took a while to write.\r\n\r\nWith a second paragraph.");
        using var client = StaffAccounts.NewClient(portal);

        using var response = await Comments.PostAsync(client, "   ", body);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter your name.", document.QuerySelector("#comment-name-error .validation-message")?.TextContent);
        Assert.Null(document.QuerySelector("#comment-body-error .validation-message"));
        Assert.Equal(body.ReplaceLineEndings("\n"), document.QuerySelector("textarea#comment-body")?.TextContent.ReplaceLineEndings("\n"));
        Assert.Empty(await Comments.WithBodyAsync(portal, body.ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task An_empty_or_overlong_comment_is_reported_next_to_the_field_and_the_name_is_kept()
    {
        using var client = StaffAccounts.NewClient(portal);

        using var empty = await Comments.PostAsync(client, "Sam Writer", "");
        using var overlong = await Comments.PostAsync(client, "Sam Writer", new string('x', CommentSubmission.BodyMaxLength + 1));
        var emptyPage = new HtmlParser().ParseDocument(await empty.Content.ReadAsStringAsync());
        var overlongPage = new HtmlParser().ParseDocument(await overlong.Content.ReadAsStringAsync());

        Assert.Equal("Enter your comment.", emptyPage.QuerySelector("#comment-body-error .validation-message")?.TextContent);
        Assert.Equal("Your comment must be 5,000 characters or fewer.", overlongPage.QuerySelector("#comment-body-error .validation-message")?.TextContent);
        Assert.Equal("Sam Writer", overlongPage.QuerySelector("#comment-name")?.GetAttribute("value"));
        Assert.Equal(CommentSubmission.BodyMaxLength + 1, overlongPage.QuerySelector("textarea#comment-body")?.TextContent.Length);
    }

    [Fact]
    public async Task A_comment_of_exactly_the_longest_length_with_line_breaks_is_accepted()
    {
        var paragraphs = Unique("Line") + "\r\n\r\n";
        var body = paragraphs + new string('y', CommentSubmission.BodyMaxLength - paragraphs.Length + 2);
        using var client = StaffAccounts.NewClient(portal);

        using var response = await Comments.PostAsync(client, "Long Writer", body);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = Assert.Single(await Comments.WithBodyAsync(portal, body.ReplaceLineEndings("\n")));
        Assert.Equal(CommentSubmission.BodyMaxLength, stored.Body.Length);
    }

    [Fact]
    public async Task A_bot_that_fills_in_the_hidden_field_is_thanked_and_nothing_is_stored()
    {
        var body = Unique("Buy cheap watches");
        using var client = StaffAccounts.NewClient(portal);

        using var response = await Comments.PostAsync(client, "Spam Bot", body, change: form => form["Input.Website"] = "https://spam.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/stories/{Comments.StorySlug}/comment?sent=true", response.Headers.Location?.PathAndQuery);
        Assert.Empty(await Comments.WithBodyAsync(portal, body));
    }

    [Fact]
    public async Task The_hidden_field_is_hidden_from_people_and_screen_readers()
    {
        using var client = StaffAccounts.NewClient(portal);

        var document = await client.GetDocumentAsync(Comments.FormPath());
        var trap = document.QuerySelector("#comment-website");

        Assert.NotNull(trap);
        Assert.Equal("-1", trap.GetAttribute("tabindex"));
        var wrapper = trap.Closest(".form-honeypot");
        Assert.NotNull(wrapper);
        Assert.Equal("true", wrapper.GetAttribute("aria-hidden"));
        var css = await client.GetStringAsync(new Uri("/app.css", UriKind.Relative));
        Assert.Contains(".form-honeypot { display: none; }", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comments_on_an_unknown_story_are_not_found()
    {
        using var client = StaffAccounts.NewClient(portal);

        using var page = await client.GetAsync(new Uri(Comments.FormPath("no-such-story"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task A_story_unpublished_while_the_reader_writes_refuses_the_comment_and_stores_nothing()
    {
        const string slug = "workforce-retention";
        var body = Unique("Written while the story was taken down");
        using var client = StaffAccounts.NewClient(portal);
        var form = await StaffAccounts.FormFieldsAsync(client, Comments.FormPath(slug), "form.comment-form");
        form["Input.Name"] = "Late Reader";
        form["Input.Body"] = body;
        await SetStatusAsync(slug, StoryStatus.Unpublished);
        try
        {
            using var post = await client.PostAsync(new Uri(Comments.FormPath(slug), UriKind.Relative), new FormUrlEncodedContent(form));
            using var page = await client.GetAsync(new Uri(Comments.FormPath(slug), UriKind.Relative));

            // The page ends in NotFound before its form renders, so Blazor has no form to post to and answers its
            // own 400 (dotnet/aspnetcore#55808); a GET is the 404 page.
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Empty(await Comments.WithBodyAsync(portal, body));
        }
        finally
        {
            await SetStatusAsync(slug, StoryStatus.Published);
        }
    }

    private async Task SetStatusAsync(string slug, StoryStatus status)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        (await db.Stories.SingleAsync(s => s.Slug == slug)).Status = status;
        await db.SaveChangesAsync();
    }
}
