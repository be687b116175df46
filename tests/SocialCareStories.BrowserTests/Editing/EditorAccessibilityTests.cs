using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Editing;

/// <summary>The editor's screens, checked by axe-core against WCAG 2.2 AA once they are interactive.</summary>
[Collection(SharedPortal.Name)]
public sealed class EditorAccessibilityTests(PortalInBrowser portal)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Theory]
    [InlineData(Microsoft.Playwright.ColorScheme.Light)]
    [InlineData(Microsoft.Playwright.ColorScheme.Dark)]
    public async Task The_story_list_editor_and_preview_have_no_serious_or_critical_axe_violations(Microsoft.Playwright.ColorScheme colorScheme)
    {
        var (context, page, _) = await portal.SignedInAsync("Editor", colorScheme);
        await using var _ = context;
        var problems = new List<string>();

        foreach (var path in new[] { "/admin/stories", "/admin/stories/new", "/admin/stories/1", "/admin/stories/1/preview" })
        {
            await page.GotoAsync(path);
            if (!path.EndsWith("/preview", StringComparison.Ordinal) && path != "/admin/stories")
            {
                await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
            }

            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveCountAsync(1);
            // The admin palette follows the system colour scheme once interactive; check contrast after it has.
            await Expect(page.Locator("main[data-colour-scheme]")).ToHaveCountAsync(1);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
            problems.AddRange(result.Violations.Where(v => BlockingImpacts.Contains(v.Impact))
                .Select(v => $"{path}: {v.Id} [{v.Impact}] {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
