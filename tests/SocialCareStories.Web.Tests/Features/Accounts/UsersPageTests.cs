using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Accounts.Pages.Admin;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>/admin/users rendered by bunit over the test portal's store, as a signed-in admin.</summary>
public sealed class UsersPageTests : BunitContext, IClassFixture<EmptyPortalFactory>, IAsyncLifetime
{
    private const string AdminName = "Ada Admin";
    private readonly EmptyPortalFactory _portal;

    public UsersPageTests(EmptyPortalFactory portal)
    {
        _portal = portal;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(portal.Services.GetRequiredService<UserAdministration>());
        var auth = AddAuthorization();
        auth.SetAuthorized(AdminName);
        auth.SetRoles(Roles.Admin);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "the-admin-id"), new Claim("display_name", AdminName));
    }

    private IRenderedComponent<UsersPage> RenderPage()
    {
        var page = Render<UsersPage>();
        // The first render in a class also waits for the store's first connection, over the network on PostgreSQL.
        page.WaitForState(() => page.FindAll("#users-table tbody tr").Count > 0, TimeSpan.FromSeconds(10));
        return page;
    }

    private static string Cells(IRenderedComponent<UsersPage> page, string email) =>
        string.Join(" | ", page.Find($"tr[data-email='{email}']").QuerySelectorAll("td").Take(4).Select(td => td.TextContent.Trim()));

    [Fact]
    public async Task The_page_lists_each_account_with_its_role_and_status()
    {
        var email = await StaffAccounts.CreateAsync(_portal, Roles.AwardsAdmin);

        var page = RenderPage();

        Assert.Equal($"{email} | Test AwardsAdmin | AwardsAdmin | Active", Cells(page, email));
    }

    [Fact]
    public async Task Disabling_from_the_page_shows_it_disabled_and_audits_it_in_the_admins_name()
    {
        var email = await StaffAccounts.CreateAsync(_portal, Roles.Editor);
        var page = RenderPage();

        page.Find($"tr[data-email='{email}'] button").Click();
        page.WaitForAssertion(() => Assert.EndsWith("| Disabled", Cells(page, email), StringComparison.Ordinal));

        Assert.Equal($"Disabled {email}.", page.Find("#users-message").TextContent.Trim());
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal((UserAdministration.DisabledAction, AdminName, "the-admin-id"), (entry.Action, entry.UserName, entry.UserId));
        Assert.Contains("Enable", page.Find($"tr[data-email='{email}'] button").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_a_role_replaces_the_accounts_role()
    {
        var email = await StaffAccounts.CreateAsync(_portal, Roles.Editor);
        var page = RenderPage();
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == $"Role of {email}");

        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(Roles.Admin));

        page.WaitForAssertion(() => Assert.Contains("| Admin |", Cells(page, email), StringComparison.Ordinal));
        var account = (await _portal.Services.GetRequiredService<UserAdministration>().ListAsync()).Single(a => a.Email == email);
        Assert.Equal([Roles.Admin], account.Roles);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services can only be disposed asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
