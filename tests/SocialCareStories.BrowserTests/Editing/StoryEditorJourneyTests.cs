using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Editing;

/// <summary>An editor's journeys through the story editor, in a real browser against the real portal.</summary>
[Collection(SharedPortal.Name)]
public sealed class StoryEditorJourneyTests(PortalInBrowser portal)
{
    private static async Task OpenEditorAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
    }

    private static async Task WriteAsync(IPage page, string title, string body)
    {
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Summary").FillAsync("Written in the browser test.");
        await page.GetByLabel("Body (Markdown)").FillAsync(body);
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task An_editor_writes_in_markdown_previews_publishes_and_finds_the_story_on_the_site_and_in_search()
    {
        var (context, page, _) = await portal.SignedInAsync("Editor");
        await using var _ = context;
        var word = $"platypodes{Guid.NewGuid():N}"[..16];
        await OpenEditorAsync(page, "/admin/stories/new");

        await WriteAsync(page, $"Gardening with {word}", $"Our residents planted **{word} bulbs** today.\n\n- tulips\n- daffodils");

        await Expect(page.Locator(".live-preview .story-body strong")).ToHaveTextAsync($"{word} bulbs");
        await Expect(page.GetByLabel("Slug (the address: /stories/…)")).ToHaveValueAsync($"gardening-with-{word}");

        await Button(page, "Preview").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/admin/stories/\d+/preview$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Gardening with {word}");
        await Expect(page.Locator("article.story .story-body li")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the editor" }).ClickAsync();
        await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
        await Button(page, "Publish").ClickAsync();
        await Expect(page.Locator(".editor-header")).ToContainTextAsync("Published");

        await page.GotoAsync($"/stories/gardening-with-{word}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Gardening with {word}");
        await Expect(page.Locator(".story-body strong")).ToHaveTextAsync($"{word} bulbs");

        await page.GotoAsync($"/search?q={word}");
        await Expect(page.Locator("ol.search-results")).ToContainTextAsync($"Gardening with {word}");
    }

    [Fact]
    public async Task An_editor_schedules_a_story_and_the_list_shows_it_scheduled_with_its_time()
    {
        var (context, page, _) = await portal.SignedInAsync("Editor");
        await using var _ = context;
        var title = $"Next week's open day {Guid.NewGuid():N}"[..30];
        await OpenEditorAsync(page, "/admin/stories/new");
        await WriteAsync(page, title, "Come and see us.");
        var uk = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(3), uk);
        at = new DateTimeOffset(at.Year, at.Month, at.Day, 10, 30, 0, at.Offset);

        await page.GetByLabel("Publish at (UK time)").FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Button(page, "Schedule").ClickAsync();

        await Expect(page.Locator(".editor-header")).ToContainTextAsync("Scheduled");
        await Expect(page.Locator(".editor-header .scheduled-for")).ToContainTextAsync(at.ToString("d MMM yyyy 10:30", System.Globalization.CultureInfo.InvariantCulture));
        await page.GotoAsync("/admin/stories");
        await page.GetByLabel("Search titles").FillAsync(title);
        var row = page.Locator("tr", new() { HasText = title });
        await Expect(row).ToContainTextAsync("Scheduled");
        await Expect(row.Locator(".scheduled-for")).ToContainTextAsync("10:30");
    }

    [Fact]
    public async Task Two_editors_change_the_same_story_and_the_second_sees_the_conflict_and_chooses()
    {
        var (first, firstPage, _) = await portal.SignedInAsync("Editor");
        await using var _ = first;
        var (second, secondPage, _) = await portal.SignedInAsync("Editor");
        await using var __ = second;
        var title = $"Shared story {Guid.NewGuid():N}"[..24];
        await OpenEditorAsync(firstPage, "/admin/stories/new");
        await WriteAsync(firstPage, title, "The original words.");
        await Button(firstPage, "Save draft").ClickAsync();
        await Expect(firstPage).ToHaveURLAsync(new Regex(@"/admin/stories/\d+$"));
        await Expect(firstPage.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
        var editorPath = new Uri(firstPage.Url).AbsolutePath;
        await OpenEditorAsync(secondPage, editorPath);

        await firstPage.GetByLabel("Body (Markdown)").FillAsync("The first editor's words.");
        await Button(firstPage, "Save draft").ClickAsync();
        await Expect(firstPage.Locator(".save-state")).ToContainTextAsync("Saved");
        await secondPage.GetByLabel("Body (Markdown)").FillAsync("The second editor's words.");
        await Button(secondPage, "Save draft").ClickAsync();

        var conflict = secondPage.Locator(".conflict");
        await Expect(conflict).ToContainTextAsync("while you were editing");
        await Expect(conflict.Locator(".line-diff__removed")).ToContainTextAsync("The first editor's words.");
        await Expect(conflict.Locator(".line-diff__added")).ToContainTextAsync("The second editor's words.");

        await Button(secondPage, "Keep mine (replace their changes)").ClickAsync();
        await Expect(conflict).ToHaveCountAsync(0);
        await secondPage.GotoAsync(editorPath.Replace("/admin/stories/", "/admin/stories/", StringComparison.Ordinal) + "/preview");
        await Expect(secondPage.Locator("article.story .story-body")).ToHaveTextAsync("The second editor's words.");
    }

    [Fact]
    public async Task Typing_that_was_never_saved_survives_closing_the_tab_and_is_offered_back()
    {
        var (context, page, _) = await portal.SignedInAsync("Editor");
        await using var _ = context;
        var title = $"Autosaved story {Guid.NewGuid():N}"[..27];
        await OpenEditorAsync(page, "/admin/stories/new");
        await WriteAsync(page, title, "Saved words.");
        await Button(page, "Save draft").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/admin/stories/\d+$"));
        await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
        var editorPath = new Uri(page.Url).AbsolutePath;

        await page.GetByLabel("Body (Markdown)").FillAsync("Words typed but never saved.");
        await Expect(page.Locator(".save-state")).ToContainTextAsync("kept as a draft");
        await page.CloseAsync();

        var again = await context.NewPageAsync();
        await OpenEditorAsync(again, editorPath);
        await Expect(again.GetByLabel("Body (Markdown)")).ToHaveValueAsync("Saved words.");
        await again.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Restore unsaved changes from") }).ClickAsync();

        await Expect(again.GetByLabel("Body (Markdown)")).ToHaveValueAsync("Words typed but never saved.");
        await Expect(again.Locator(".live-preview .story-body")).ToHaveTextAsync("Words typed but never saved.");
    }

    [Fact]
    public async Task An_editor_marks_a_story_as_a_case_study_and_its_details_are_kept()
    {
        var (context, page, _) = await portal.SignedInAsync("Editor");
        await using var _ = context;
        await OpenEditorAsync(page, "/admin/stories/new");
        await WriteAsync(page, $"Case study {Guid.NewGuid():N}"[..24], "What the team did.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Case study details" })).ToHaveCountAsync(0);

        await page.GetByLabel("Kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Case study", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Case study details" })).ToBeVisibleAsync();
        await page.GetByLabel("Organisations").FillAsync("Kirklees Council, Locala");
        await page.GetByLabel("Place").FillAsync("Kirklees");
        await Button(page, "Save draft").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/admin/stories/\d+$"));

        await OpenEditorAsync(page, new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByLabel("Organisations")).ToHaveValueAsync("Kirklees Council, Locala");
        await Expect(page.GetByLabel("Place")).ToHaveValueAsync("Kirklees");
    }
}
