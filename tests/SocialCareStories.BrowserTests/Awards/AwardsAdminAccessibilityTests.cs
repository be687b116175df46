using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Awards;

/// <summary>The awards admin screens, checked by axe-core against WCAG 2.2 AA once they are interactive.</summary>
[Collection(SharedPortal.Name)]
public sealed class AwardsAdminAccessibilityTests(PortalInBrowser portal)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task The_awards_admin_screens_have_no_serious_or_critical_axe_violations(ColorScheme colorScheme)
    {
        var (context, page, _) = await portal.SignedInAsync("AwardsAdmin", colorScheme);
        await using var _ = context;
        var problems = new StringBuilder();

        await page.GotoAsync("/admin/awards");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add year" })).ToBeEnabledAsync();
        await CheckAsync(page, "/admin/awards", problems);

        await page.GetByRole(AriaRole.Link, new() { Name = "Skills for Care Accolades 2015" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add category" })).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an entry to Winner of Winners" }).ClickAsync();
        await CheckAsync(page, "the 2015 year screen with the entry form open", problems);

        await page.GetByRole(AriaRole.Link, new() { Name = "Import results from CSV" }).ClickAsync();
        await Expect(page.GetByLabel("CSV file (at most 1 MB)")).ToBeVisibleAsync();
        await CheckAsync(page, "the import screen", problems);

        Assert.True(problems.Length == 0, problems.ToString());
    }

    private static async Task CheckAsync(IPage page, string what, StringBuilder problems)
    {
        // The admin palette follows the system colour scheme once interactive; check contrast after it has.
        await Expect(page.Locator("main[data-colour-scheme]")).ToHaveCountAsync(1);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        foreach (var violation in result.Violations.Where(v => BlockingImpacts.Contains(v.Impact)))
        {
            problems.AppendLine($"{what}: {violation.Id} [{violation.Impact}] {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                problems.AppendLine($"    at {node.Target}: {node.Html}");
            }
        }
    }
}
