using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Categories;

[Collection(SharedPortal.Name)]
public sealed class CategoriesAdminJourneyTests(PortalInBrowser portal)
{
    private const int PhoneWidth = 390;

    [Fact]
    public async Task An_admin_on_a_phone_merges_two_categories_and_the_old_address_leads_to_the_one_that_took_its_stories()
    {
        // Sectors of its own: the shared portal's seeded categories are what other journeys read.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (oldName, newName) = ($"Playwright housing {suffix}", $"Playwright homes {suffix}");
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        await portal.Portal.AddUserAsync(email, "Admin", StaffInBrowser.Password);
        await using var context = await portal.NewContextAsync(width: PhoneWidth, height: 844);
        var page = await context.NewPageAsync();
        await StaffInBrowser.SignInAsync(page, email, StaffInBrowser.Password);

        await page.GotoAsync("/admin/categories");
        var addSector = page.Locator("#add-sector");
        await Expect(addSector).ToBeEnabledAsync();
        foreach (var name in new[] { oldName, newName })
        {
            await addSector.ClickAsync();
            await page.Locator("#category-panel").GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await page.Locator("#category-panel").GetByLabel("Synonyms and acronyms").FillAsync("DFG, tenancy; supported living");
            await page.Locator("#category-submit").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = name, Exact = true })).ToBeVisibleAsync();
        }

        var oldRow = page.Locator(".category-admin__row", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = oldName, Exact = true }) });
        await Expect(oldRow.Locator(".category-admin__terms")).ToContainTextAsync("supported living");
        await oldRow.GetByRole(AriaRole.Button, new() { Name = $"Merge {oldName} into…" }).ClickAsync();
        await page.Locator("#category-merge-into").SelectOptionAsync(new SelectOptionValue { Label = newName });
        await page.Locator("#category-submit").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"The address /categories/playwright-housing-{suffix} will lead to /categories/playwright-homes-{suffix}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();

        await Expect(page.GetByText($"Merged {oldName} into {newName}: 0 stories moved.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = oldName, Exact = true })).ToHaveCountAsync(0);
        // The screen's own content stays within its column; the shared admin frame (app bar, drawer) is not this page's.
        var sticksOut = await page.EvaluateAsync<string[]>("""
            () => {
              const right = document.querySelector('main').getBoundingClientRect().right + 1;
              return [...document.querySelectorAll('main h1, .category-admin *, #add-sector, #add-theme')]
                .filter(e => !e.classList.contains('mud-ripple-effect') && e.getBoundingClientRect().right > right)
                .map(e => `${e.tagName}.${e.className} ends at ${Math.round(e.getBoundingClientRect().right)}px`);
            }
            """);
        Assert.True(sticksOut.Length == 0, $"At {PhoneWidth}px, past the content column: {string.Join("; ", sticksOut.Take(5))}");

        await using var readerContext = await portal.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync($"/categories/playwright-housing-{suffix}");
        await Expect(reader).ToHaveURLAsync(new Regex($"/categories/playwright-homes-{suffix}$"));
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(newName);
    }
}
