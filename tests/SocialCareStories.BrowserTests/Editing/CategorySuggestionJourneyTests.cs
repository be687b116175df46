using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Editing;

/// <summary>An editor taking a suggested category in the story editor, and readers finding the story under it.</summary>
[Collection(SharedPortal.Name)]
public sealed class CategorySuggestionJourneyTests(PortalInBrowser portal)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    private static async Task<IReadOnlyList<string>> AxeProblemsAsync(IPage page, string scheme)
    {
        await Expect(page.Locator($"main[data-colour-scheme={scheme}]")).ToHaveCountAsync(1);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        return result.Violations.Where(v => BlockingImpacts.Contains(v.Impact))
            .Select(v => $"{scheme}: {v.Id} [{v.Impact}] {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
    }

    [Fact]
    public async Task An_editor_writing_about_dementia_adds_the_suggested_category_and_readers_find_the_story_under_dementia()
    {
        var (context, page, _) = await portal.SignedInAsync("Editor");
        await using var _ = context;
        var word = $"clinic{Guid.NewGuid():N}"[..14];
        var title = $"A memory clinic for {word}";
        await page.GotoAsync("/admin/stories/new");
        await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Summary").FillAsync("Families living with dementia get help sooner.");
        await page.GetByLabel("Body (Markdown)").FillAsync("The memory clinic now sees people within a fortnight.\n\nA dementia nurse and a carers' group meet there every week.");

        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Suggested categories" });
        var dementia = panel.Locator(".suggested-category", new() { Has = page.Locator(".suggested-category__path", new() { HasTextRegex = new Regex("^Mental Health › Dementia$") }) });
        await Expect(dementia).ToContainTextAsync("strong");
        await Expect(dementia.Locator(".suggested-category__reasons")).ToContainTextAsync("memory clinic");

        // The panel on screen, in the light and the dark colour scheme.
        var problems = new List<string>(await AxeProblemsAsync(page, "light"));
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        problems.AddRange(await AxeProblemsAsync(page, "dark"));
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        await panel.GetByRole(AriaRole.Button, new() { Name = "Add Mental Health › Dementia", Exact = true }).ClickAsync();
        await Expect(dementia.Locator(".suggested-category__added")).ToHaveTextAsync("Added");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(page.Locator(".editor-header")).ToContainTextAsync("Published");

        await page.GotoAsync($"/stories/a-memory-clinic-for-{word}");
        var categoryLink = page.Locator(".story-footer a[href^='/categories/']", new() { HasTextRegex = new Regex("Dementia") });
        await Expect(categoryLink).ToHaveCountAsync(1);
        await categoryLink.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dementia");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
    }
}
