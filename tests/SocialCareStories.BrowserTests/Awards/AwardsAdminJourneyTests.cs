using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Awards;

[Collection(SharedPortal.Name)]
public sealed class AwardsAdminJourneyTests(PortalInBrowser portal)
{
    [Fact]
    public async Task An_awards_admin_records_and_publishes_a_year_that_readers_then_see()
    {
        var (context, page, _) = await portal.SignedInAsync("AwardsAdmin");
        await using var adminContext = context;

        await page.GotoAsync("/admin/awards");
        var addYear = page.GetByRole(AriaRole.Button, new() { Name = "Add year" });
        // Buttons stay disabled until the circuit is live, so nothing typed before then is lost.
        await Expect(addYear).ToBeEnabledAsync();
        await page.GetByLabel("Award year").FillAsync("2017");
        await page.GetByLabel("Ceremony date (optional)").FillAsync("2017-03-09");
        await page.GetByLabel("Venue (optional)").FillAsync("Leeds");
        await addYear.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/awards/years/[0-9]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Skills for Care Accolades 2017");
        var addCategory = page.GetByRole(AriaRole.Button, new() { Name = "Add category" });
        await Expect(addCategory).ToBeEnabledAsync();
        await page.GetByLabel("Category name").FillAsync("Outstanding night team");
        await addCategory.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 3, Name = "Outstanding night team" })).ToBeVisibleAsync();

        // A shortlisted entry from a new organisation.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an entry to Outstanding night team" }).ClickAsync();
        var form = page.Locator(".award-entry-form");
        await form.GetByLabel("name of a new organisation").FillAsync("Playwright Care Ltd");
        await form.GetByLabel("Project or team (optional)").FillAsync("Night owls");
        await form.GetByLabel("Result", new() { Exact = true }).SelectOptionAsync("Shortlisted");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save entry" }).ClickAsync();
        await Expect(page.Locator(".award-admin-entry", new() { HasText = "Playwright Care Ltd, Night owls" })).ToBeVisibleAsync();

        // The winner: an existing organisation and a seeded story, both searched for and picked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an entry to Outstanding night team" }).ClickAsync();
        await form.GetByLabel("Project or team (optional)").FillAsync("Overnight reablement");
        await form.GetByLabel("Organisation (pick an existing one)").FillAsync("Stockport");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Stockport Council" }).First.ClickAsync();
        await Expect(form.GetByLabel("Organisation (pick an existing one)")).ToHaveValueAsync("Stockport Council");
        await form.GetByLabel("Result", new() { Exact = true }).SelectOptionAsync("Winner");
        await form.GetByLabel("Story behind it (search by title)").FillAsync("good, the bad");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "The good, the bad and the ugly" }).First.ClickAsync();
        await Expect(form.GetByLabel("Story behind it (search by title)")).ToHaveValueAsync(new Regex("^The good, the bad and the ugly", RegexOptions.IgnoreCase));
        await form.GetByRole(AriaRole.Button, new() { Name = "Save entry" }).ClickAsync();
        var winner = page.Locator(".award-admin-entry", new() { HasText = "Stockport Council, Overnight reablement" });
        await Expect(winner).ToContainTextAsync("The good, the bad and the ugly");
        await Expect(winner.GetByLabel("Result for Stockport Council, Overnight reablement")).ToHaveValueAsync("Winner");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish year" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unpublish year" })).ToBeVisibleAsync();

        await using var readerContext = await portal.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync("/awards");
        var year = reader.GetByRole(AriaRole.Region, new() { Name = "Skills for Care Accolades 2017" });
        await Expect(year).ToContainTextAsync("Outstanding night team");
        var entries = year.Locator(".award-entry");
        await Expect(entries.Nth(0)).ToContainTextAsync("Winner");
        await Expect(entries.Nth(0)).ToContainTextAsync("Stockport Council");
        await Expect(entries.Nth(1)).ToContainTextAsync("Shortlisted");
        await Expect(entries.Nth(1)).ToContainTextAsync("Playwright Care Ltd");

        await reader.GotoAsync("/stories/the-good-the-bad-and-the-ugly");
        await Expect(reader.Locator(".award-badge", new() { HasText = "Accolades winner 2017" })).ToBeVisibleAsync();
    }
}
