using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>
/// A story's sanitised body HTML is stored when it is saved, by every path that writes a body, and rendered
/// again at start when the renderer's version changes; readers' pages use it, the editors' preview does not.
/// </summary>
public sealed class StoredStoryHtmlTests : IDisposable
{
    private const string Body = "It opened on **Monday**.\n\n[Click me](javascript:alert(1)) and [the council](https://example.org).";
    private readonly EmptyPortalFactory _portal = new();
    private readonly TempFolder _folder = new();
    private readonly MarkdownRenderer _renderer = new();

    public void Dispose()
    {
        _portal.Dispose();
        _folder.Dispose();
    }

    private async Task<Story> StoryAsync(int id)
    {
        await using var db = await DbAsync(_portal);
        return await db.Stories.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private void AssertHtmlMatchesBody(Story story)
    {
        Assert.Equal(_renderer.ToSafeHtml(story.BodyMarkdown), story.BodyHtml);
        Assert.Equal(MarkdownRenderer.Version, story.BodyHtmlVersion);
    }

    [Fact]
    public async Task Saving_a_new_story_in_the_editor_stores_its_sanitised_html()
    {
        var saved = await CreateAsync(_portal, NewForm(body: Body));

        var story = await StoryAsync(saved.StoryId);
        AssertHtmlMatchesBody(story);
        Assert.Contains("<strong>Monday</strong>", story.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", story.BodyHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Saving_a_changed_body_in_the_editor_stores_the_new_html()
    {
        var saved = await CreateAsync(_portal);
        var form = (await EditingOf(_portal).LoadAsync(saved.StoryId))!;
        form.Body = Body;

        Assert.Equal(EditOutcome.Saved, (await EditingOf(_portal).SaveAsync(form, Edna)).Outcome);

        AssertHtmlMatchesBody(await StoryAsync(saved.StoryId));
    }

    [Fact]
    public async Task Publishing_with_a_changed_body_stores_the_new_html()
    {
        var saved = await CreateAsync(_portal);
        var form = (await EditingOf(_portal).LoadAsync(saved.StoryId))!;
        form.Body = "Published with *this* body.";

        Assert.Equal(EditOutcome.Saved, (await EditingOf(_portal).SaveAsync(form, Edna, StoryTransition.Publish)).Outcome);

        var story = await StoryAsync(saved.StoryId);
        AssertHtmlMatchesBody(story);
        Assert.Contains("<em>this</em>", story.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_a_revision_stores_the_html_of_the_restored_body()
    {
        var saved = await CreateAsync(_portal, NewForm(body: "The *first* words."));
        var form = (await EditingOf(_portal).LoadAsync(saved.StoryId))!;
        form.Body = "Second words.";
        var second = await EditingOf(_portal).SaveAsync(form, Edna);
        await using (var db = await DbAsync(_portal))
        {
            var first = await db.Revisions.Where(r => r.StoryId == saved.StoryId).OrderBy(r => r.Id).FirstAsync();
            Assert.Equal(EditOutcome.Saved, (await EditingOf(_portal).RestoreAsync(saved.StoryId, first.Id, second.Version, Edna)).Outcome);
        }

        var story = await StoryAsync(saved.StoryId);
        AssertHtmlMatchesBody(story);
        Assert.Contains("<em>first</em>", story.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_a_new_story_and_then_its_changed_source_stores_the_html_each_time()
    {
        _folder.Write("post.txt", "A first title\n\nThe first body of the post, long enough to read as prose.\n");
        await ImportAsync();
        var first = await SingleStoryAsync();
        AssertHtmlMatchesBody(first);
        Assert.Contains("The first body", first.BodyHtml, StringComparison.Ordinal);

        _folder.Write("post.txt", "A first title\n\nA corrected body of the post, long enough to read as prose.\n");
        await ImportAsync();

        var second = await SingleStoryAsync();
        AssertHtmlMatchesBody(second);
        Assert.Contains("A corrected body", second.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_renders_again_the_html_of_stories_rendered_by_an_older_renderer_and_leaves_them_otherwise_alone()
    {
        var saved = await CreateAsync(_portal, NewForm(body: Body));
        var before = await StoryAsync(saved.StoryId);
        await using (var db = await DbAsync(_portal))
        {
            await db.Stories.ExecuteUpdateAsync(set => set.SetProperty(s => s.BodyHtml, "<p>old</p>").SetProperty(s => s.BodyHtmlVersion, 0));
        }

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync();
        }

        var after = await StoryAsync(saved.StoryId);
        AssertHtmlMatchesBody(after);
        Assert.Equal((before.Version, before.UpdatedAt), (after.Version, after.UpdatedAt));
    }

    [Fact]
    public async Task Stale_html_is_rendered_again_in_batches_until_none_is_left()
    {
        await GeneratedStories.AddAsync(_portal.Services, StoredStoryHtml.BatchSize + 3);
        await using (var db = await DbAsync(_portal))
        {
            await db.Stories.ExecuteUpdateAsync(set => set.SetProperty(s => s.BodyHtml, (string?)null).SetProperty(s => s.BodyHtmlVersion, 0));
        }

        await using var scope = _portal.Services.CreateAsyncScope();
        var rendered = await scope.ServiceProvider.GetRequiredService<StoredStoryHtml>().RenderStaleAsync();

        Assert.Equal(StoredStoryHtml.BatchSize + 3, rendered);
        await using var check = await DbAsync(_portal);
        Assert.Equal(0, await check.Stories.CountAsync(s => s.BodyHtmlVersion != MarkdownRenderer.Version || s.BodyHtml == null));
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<StoredStoryHtml>().RenderStaleAsync());
    }

    [Fact]
    public async Task The_public_story_page_shows_the_stored_html_and_the_preview_renders_the_markdown_afresh()
    {
        var saved = await CreateAsync(_portal, NewForm("A story whose html is stored", "What the Markdown says."), StoryTransition.Publish);
        await using (var db = await DbAsync(_portal))
        {
            // Not what a save would store, so the page can only show it by reading the stored column.
            await db.Stories.Where(s => s.Id == saved.StoryId).ExecuteUpdateAsync(set => set.SetProperty(s => s.BodyHtml, "<p>What the stored HTML says.</p>"));
        }

        var response = await _portal.CreateClient().GetAsync(new Uri($"/stories/{saved.Slug}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"story-body\"><p>What the stored HTML says.</p></div>", page, StringComparison.Ordinal);
        await using var scope = _portal.Services.CreateAsyncScope();
        var preview = await scope.ServiceProvider.GetRequiredService<StoryReader>().FindForPreviewAsync(saved.StoryId);
        Assert.Equal("<p>What the Markdown says.</p>", preview?.BodyHtml.Trim());
    }

    private async Task ImportAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(_folder.Path);
        Assert.Empty(outcome.Problems);
    }

    private async Task<Story> SingleStoryAsync()
    {
        await using var db = await DbAsync(_portal);
        return await db.Stories.AsNoTracking().SingleAsync();
    }
}
