using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>A portal whose sessions check their account on every request instead of once a minute.</summary>
public sealed class SessionCheckedEveryRequestPortal : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:SessionCheckInterval", "00:00:00");
    }
}

public sealed class AccountChangesTests(SessionCheckedEveryRequestPortal portal) : IClassFixture<SessionCheckedEveryRequestPortal>
{
    private UserAdministration Accounts => portal.Services.GetRequiredService<UserAdministration>();

    private static Uri Admin { get; } = new("/admin", UriKind.Relative);

    [Fact]
    public async Task An_email_or_name_with_a_NUL_is_refused_and_no_account_is_found_by_one_on_either_engine()
    {
        var added = await Accounts.AddAsync(Actor.System, "nul\0@example.org", Roles.Editor, "Nul Name", StaffAccounts.Password);
        var named = await Accounts.AddAsync(Actor.System, $"named-{Guid.NewGuid():N}@example.org", Roles.Editor, "Nul\0Name", StaffAccounts.Password);
        var disabled = await Accounts.DisableAsync(Actor.System, "nul\0@example.org");

        Assert.Equal((false, false, false), (added.Succeeded, named.Succeeded, disabled.Succeeded));
        Assert.StartsWith("Email: remove the invisible NUL character", added.Message, StringComparison.Ordinal);
        Assert.StartsWith("Name: remove the invisible NUL character", named.Message, StringComparison.Ordinal);
        Assert.StartsWith("there is no account", disabled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);
        using var _ = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);
        using var before = await client.GetAsync(Admin);

        var change = await Accounts.DisableAsync(Actor.System, email);
        using var after = await client.GetAsync(Admin);

        Assert.True(change.Succeeded, change.Message);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_with_the_right_password()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        await Accounts.DisableAsync(Actor.System, email);
        using var client = StaffAccounts.NewClient(portal);

        using var signIn = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Sign-in failed", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enabled_account_can_sign_in_again()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        await Accounts.DisableAsync(Actor.System, email);
        await Accounts.EnableAsync(Actor.System, email);
        using var client = StaffAccounts.NewClient(portal);

        using var signIn = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Changing_a_role_makes_the_open_session_sign_in_again_and_then_the_new_role_counts()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);
        using var _ = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);
        var users = new Uri("/admin/users", UriKind.Relative);
        using var asEditor = await client.GetAsync(users);

        await Accounts.SetRoleAsync(Actor.System, email, Roles.Admin);
        using var afterChange = await client.GetAsync(users);
        using var __ = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);
        using var asAdmin = await client.GetAsync(users);

        Assert.StartsWith("/Account/AccessDenied", asEditor.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", afterChange.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    [Fact]
    public async Task A_role_change_replaces_the_roles_and_is_audited_with_who_did_it()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        var admin = new Actor("admin-id", "Ada Admin");

        var change = await Accounts.SetRoleAsync(admin, email, "awardsadmin");

        Assert.True(change.Succeeded, change.Message);
        var account = (await Accounts.ListAsync()).Single(a => a.Email == email);
        Assert.Equal([Roles.AwardsAdmin], account.Roles);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.Where(e => e.Action == UserAdministration.RoleChangedAction).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(("admin-id", "Ada Admin"), (entry.UserId, entry.UserName));
        Assert.Equal($"{email}: Editor → AwardsAdmin", entry.Summary);
    }

    [Fact]
    public async Task An_admin_cannot_disable_or_demote_themselves()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Admin);
        var self = (await Accounts.ListAsync()).Single(a => a.Email == email);
        var actor = new Actor(self.Id, self.Name);

        var disabled = await Accounts.DisableAsync(actor, email);
        var demoted = await Accounts.SetRoleAsync(actor, email, Roles.Editor);

        Assert.False(disabled.Succeeded);
        Assert.False(demoted.Succeeded);
        var after = (await Accounts.ListAsync()).Single(a => a.Email == email);
        Assert.Equal([Roles.Admin], after.Roles);
        Assert.False(after.Disabled);
    }
}
