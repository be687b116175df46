using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Accounts;

[Collection(SharedPortal.Name)]
public sealed class SignInJourneyTests(PortalInBrowser portal)
{
    [Fact]
    public async Task An_editor_added_by_the_users_command_signs_in_and_sees_the_admin_overview()
    {
        var (context, page, _) = await portal.SignedInAsync("Editor");
        await using var _ = context;

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Admin sections" }).GetByRole(AriaRole.Link, new() { Name = "Stories" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Admin sections" }).GetByRole(AriaRole.Link, new() { Name = "Awards" })).ToHaveCountAsync(0);
    }
}
