using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Hosting.SeveralInstances;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

/// <summary>What readers see after editors act: pages and search served through the real output cache.</summary>
public sealed class PublishingTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private async Task<(HttpStatusCode Status, string Html)> ReadAsync(string path)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Publishing_shows_the_story_to_anonymous_readers_at_once_on_its_page_in_lists_and_in_search()
    {
        var draft = await CreateAsync(portal, NewForm("The quokkaberry allotment", "Residents grow quokkaberries together."));
        // Readers' pages are cached before the story is published.
        Assert.DoesNotContain("quokkaberry", (await ReadAsync("/stories")).Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("The quokkaberry allotment", (await ReadAsync("/search?q=quokkaberries")).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync($"/stories/{draft.Slug}")).Status);

        var form = (await EditingOf(portal).LoadAsync(draft.StoryId))!;
        var published = await EditingOf(portal).SaveAsync(form, Edna, StoryTransition.Publish);

        Assert.Equal(StoryStatus.Published, published.Status);
        var page = await ReadAsync($"/stories/{draft.Slug}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Residents grow quokkaberries together.", page.Html, StringComparison.Ordinal);
        Assert.Contains("The quokkaberry allotment", (await ReadAsync("/stories")).Html, StringComparison.Ordinal);
        Assert.Contains("The quokkaberry allotment", (await ReadAsync("/search?q=quokkaberries")).Html, StringComparison.Ordinal);

        var unpublished = await EditingOf(portal).SaveAsync((await EditingOf(portal).LoadAsync(draft.StoryId))!, Edna, StoryTransition.Unpublish);

        Assert.Equal(StoryStatus.Unpublished, unpublished.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync($"/stories/{draft.Slug}")).Status);
        Assert.DoesNotContain("The quokkaberry allotment", (await ReadAsync("/stories")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain("The quokkaberry allotment", (await ReadAsync("/search?q=quokkaberries")).Html, StringComparison.Ordinal);
        await using var db = await DbAsync(portal);
        Assert.Equal(["story.saved", "story.published", "story.unpublished"],
            await db.AuditEntries.Where(a => a.ItemId == draft.StoryId.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task The_scheduler_publishes_a_due_story_once_however_often_it_runs()
    {
        var draft = await CreateAsync(portal, NewForm("The wombatfruit festival", "A festival of wombatfruit."));
        var at = DateTimeOffset.UtcNow.AddHours(1);
        var scheduled = await EditingOf(portal).SaveAsync((await EditingOf(portal).LoadAsync(draft.StoryId))!, Edna, StoryTransition.Schedule, at);
        Assert.Equal(StoryStatus.Scheduled, scheduled.Status);
        var clock = new TestClock(at.AddMinutes(-1));
        ScheduledPublisher Publisher() => new(
            portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>(),
            portal.Services.GetRequiredService<DatabaseLeases>(),
            new AuditLog(clock),
            portal.Services.GetRequiredService<ContentCache>(),
            clock,
            portal.Services.GetRequiredService<IOptions<StoryEditingOptions>>(),
            NullLogger<ScheduledPublisher>.Instance);
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync($"/stories/{draft.Slug}")).Status);

        Assert.Equal(0, await Publisher().PublishDueAsync());
        clock.Now = at.AddSeconds(5);
        var together = await Task.WhenAll(Publisher().PublishDueAsync(), Publisher().PublishDueAsync(), Publisher().PublishDueAsync());
        var again = await Publisher().PublishDueAsync();

        Assert.Equal(1, together.Sum() + again);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync($"/stories/{draft.Slug}")).Status);
        await using var db = await DbAsync(portal);
        var entry = await db.AuditEntries.SingleAsync(a => a.ItemId == draft.StoryId.ToString() && a.Action == "story.published");
        Assert.Equal((AuditLog.SystemUserName, (string?)null), (entry.UserName, entry.UserId));
        Assert.Null((await db.Stories.SingleAsync(s => s.Id == draft.StoryId)).ScheduledFor);
    }

    [Fact]
    public async Task The_preview_shows_a_draft_to_editors_only_with_script_and_javascript_links_removed()
    {
        var draft = await CreateAsync(portal, NewForm("A draft with a nasty body",
            "Hello <script>alert('x')</script> there.\n\n[click me](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n**Bold words**"));
        var path = $"/admin/stories/{draft.StoryId}/preview";

        using var anonymous = StaffAccounts.NewClient(portal);
        using var refused = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        using var editor = await StaffAccounts.SignedInAsync(portal, Roles.Editor);
        var html = await editor.GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var document = new HtmlParser().ParseDocument(html);
        var body = document.QuerySelector("article.story .story-body");
        Assert.NotNull(body);
        Assert.Equal("A draft with a nasty body", document.QuerySelector("article.story h1")?.TextContent);
        Assert.Equal("Bold words", body.QuerySelector("strong")?.TextContent);
        Assert.Empty(body.QuerySelectorAll("script, img[onerror], [onerror]"));
        Assert.DoesNotContain(body.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/stories")]
    [InlineData("/admin/stories/new")]
    public async Task Editor_pages_are_for_editors_only(string path)
    {
        using var awardsAdmin = await StaffAccounts.SignedInAsync(portal, Roles.AwardsAdmin);
        using var editor = await StaffAccounts.SignedInAsync(portal, Roles.Editor);

        using var refused = await awardsAdmin.GetAsync(new Uri(path, UriKind.Relative));
        using var allowed = await editor.GetAsync(new Uri(path, UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task The_story_list_flags_stories_that_need_review_and_filters_to_them()
    {
        var flagged = await CreateAsync(portal, NewForm("An imported story with a guessed title"));
        await using (var db = await DbAsync(portal))
        {
            await db.Stories.Where(s => s.Id == flagged.StoryId).ExecuteUpdateAsync(s => s.SetProperty(x => x.NeedsReview, true));
        }

        var list = Get<StoryAdminList>(portal);
        var onlyFlagged = await list.ListAsync(new AdminStoryQuery(NeedsReviewOnly: true));
        var byTitle = await list.ListAsync(new AdminStoryQuery(Search: "guessed title"));

        Assert.Equal([flagged.StoryId], onlyFlagged.Rows.Select(r => r.Id));
        Assert.Equal([flagged.StoryId], byTitle.Rows.Select(r => r.Id));

        using var editor = await StaffAccounts.SignedInAsync(portal, Roles.Editor);
        var document = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri("/admin/stories", UriKind.Relative)));
        var row = document.QuerySelectorAll("tr").Single(tr => tr.TextContent.Contains("An imported story with a guessed title", StringComparison.Ordinal));
        Assert.Contains("needs-review-row", row.ClassList);
        Assert.Contains("Needs review", row.TextContent, StringComparison.Ordinal);
    }
}
