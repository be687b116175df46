using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Infrastructure;

/// <summary>Staff accounts made with the app's own command, signed in through the real sign-in page.</summary>
public static class StaffInBrowser
{
    public const string Password = "a long enough browser test password";

    /// <summary>A new account with the role, and a browser context signed in as it, landed on /admin.</summary>
    public static async Task<(IBrowserContext Context, IPage Page, string Email)> SignedInAsync(this PortalInBrowser portal, string role, ColorScheme colorScheme = ColorScheme.Light)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        await portal.Portal.AddUserAsync(email, role, Password);
        var context = await portal.NewContextAsync(colorScheme);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, Password);
        return (context, page, email);
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fadmin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Admin" })).ToBeVisibleAsync();
    }
}
