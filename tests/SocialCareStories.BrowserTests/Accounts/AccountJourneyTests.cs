using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Accounts;

[Collection(SharedPortal.Name)]
public sealed class AccountJourneyTests(PortalInBrowser portal)
{
    [Fact]
    public async Task An_editor_changes_their_password_from_the_admin_bar_and_signs_in_with_the_new_one()
    {
        const string newPassword = "my own new browser password";
        var (context, page, email) = await portal.SignedInAsync("Editor");
        await using var _ = context;

        await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await page.GetByLabel("Current password").FillAsync(StaffInBrowser.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("New password again").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password has been changed.");
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(portal.BaseAddress.ToString());
        await StaffInBrowser.SignInAsync(page, email, newPassword);
    }

    [Fact]
    public async Task An_admin_disables_an_editor_on_the_users_page()
    {
        var editor = $"editor-{Guid.NewGuid():N}@example.org";
        await portal.Portal.AddUserAsync(editor, "Editor", StaffInBrowser.Password);
        var (context, page, _) = await portal.SignedInAsync("Admin");
        await using var _ = context;

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin sections" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = editor });
        await Expect(row).ToContainTextAsync("Active");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Disable {editor}" }).ClickAsync();

        await Expect(row).ToContainTextAsync("Disabled");
        await Expect(page.Locator("#users-message")).ToContainTextAsync($"Disabled {editor}.");
    }
}
