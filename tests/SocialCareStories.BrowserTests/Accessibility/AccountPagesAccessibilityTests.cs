using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Accessibility;

/// <summary>The signed-in account pages, checked by axe-core against WCAG 2.2 AA in light and dark.</summary>
[Collection(SharedPortal.Name)]
public sealed class AccountPagesAccessibilityTests(PortalInBrowser portal)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    [Theory]
    [InlineData("/Account/Manage/ChangePassword", "Change your password", ColorScheme.Light)]
    [InlineData("/Account/Manage/ChangePassword", "Change your password", ColorScheme.Dark)]
    [InlineData("/admin/users", "Users", ColorScheme.Light)]
    [InlineData("/admin/users", "Users", ColorScheme.Dark)]
    [InlineData("/admin/audit", "Audit log", ColorScheme.Light)]
    [InlineData("/admin/audit", "Audit log", ColorScheme.Dark)]
    [InlineData("/admin/categories", "Categories", ColorScheme.Light)]
    [InlineData("/admin/categories", "Categories", ColorScheme.Dark)]
    public async Task An_admins_account_page_has_no_serious_or_critical_axe_violations(string path, string heading, ColorScheme scheme)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        await portal.Portal.AddUserAsync(email, "Admin", StaffInBrowser.Password);
        await using var context = await portal.NewContextAsync(scheme);
        var page = await context.NewPageAsync();
        await StaffInBrowser.SignInAsync(page, email, StaffInBrowser.Password);

        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
        if (path.StartsWith("/admin", StringComparison.Ordinal))
        {
            // The admin palette follows the system colour scheme once interactive; check contrast after it has.
            await Expect(page.Locator("main[data-colour-scheme]")).ToHaveCountAsync(1);
        }

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });

        var blocking = result.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, string.Join(
            Environment.NewLine,
            blocking.Select(v => $"{path} ({scheme}): {v.Id} {v.Help}: {string.Join("; ", v.Nodes.Select(n => n.Html))}")));
    }
}
