using System.Net;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>Lockout stops whoever guesses, not the account's owner (ADR-014).</summary>
public sealed class LockoutTests(ClientAddressPortal portal) : IClassFixture<ClientAddressPortal>
{
    private const string ChangePasswordPath = "/Account/Manage/ChangePassword";

    [Fact]
    public async Task Wrong_passwords_from_five_other_addresses_do_not_stop_the_owner_signing_in_from_theirs()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        for (var attacker = 1; attacker <= 5; attacker++)
        {
            using var stranger = portal.ClientFrom($"203.0.113.{attacker}");
            using var _ = await StaffAccounts.SignInAsync(stranger, email, $"a wrong guess {attacker}");
        }

        using var owner = portal.ClientFrom("198.51.100.7");
        using var signIn = await StaffAccounts.SignInAsync(owner, email, StaffAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task An_address_that_guessed_five_times_is_locked_for_that_account_even_with_the_right_password()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var attacker = portal.ClientFrom("203.0.113.50");
        await StaffAccounts.LockOutAsync(attacker, email);

        using var fromAttacker = await StaffAccounts.SignInAsync(attacker, email, StaffAccounts.Password);
        using var owner = portal.ClientFrom("198.51.100.50");
        using var fromOwner = await StaffAccounts.SignInAsync(owner, email, StaffAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, fromAttacker.StatusCode);
        Assert.Contains("Sign-in failed", await fromAttacker.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, fromOwner.StatusCode);
    }

    [Fact]
    public async Task A_proven_browser_signs_in_even_when_its_shared_address_is_locked_for_the_account()
    {
        const string office = "198.51.100.80";
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var owner = portal.ClientFrom(office);
        using (var first = await StaffAccounts.SignInAsync(owner, email, StaffAccounts.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var signOutForm = await StaffAccounts.FormFieldsAsync(owner, "/admin", "form.admin-logout");
        using (await owner.PostAsync(new Uri("/Account/Logout", UriKind.Relative), new FormUrlEncodedContent(signOutForm)))
        {
        }

        // Someone else behind the same office address guesses five times.
        using var colleague = portal.ClientFrom(office);
        await StaffAccounts.LockOutAsync(colleague, email);
        using var fromColleague = await StaffAccounts.SignInAsync(colleague, email, StaffAccounts.Password);
        using var fromOwner = await StaffAccounts.SignInAsync(owner, email, StaffAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, fromColleague.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromOwner.StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_change_form_lock_it_and_the_password_stays()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = portal.ClientFrom("198.51.100.90");
        using (await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password))
        {
        }

        var refusals = 0;
        for (var attempt = 0; attempt < 25; attempt++)
        {
            using var wrong = await ChangeAsync(client, $"not my password {attempt}", "a brand new and long password");
            refusals += wrong.StatusCode == HttpStatusCode.OK && (await wrong.Content.ReadAsStringAsync()).Contains("change-password-done", StringComparison.Ordinal) ? 0 : 1;
        }

        using var right = await ChangeAsync(client, StaffAccounts.Password, "a brand new and long password");
        using var fresh = portal.ClientFrom("198.51.100.91");
        using var withNew = await StaffAccounts.SignInAsync(fresh, email, "a brand new and long password");

        Assert.Equal(25, refusals);
        Assert.DoesNotContain("change-password-done", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next)
    {
        var form = await StaffAccounts.FormFieldsAsync(client, ChangePasswordPath, "form.account-form");
        form["Input.CurrentPassword"] = current;
        form["Input.NewPassword"] = next;
        form["Input.ConfirmPassword"] = next;
        return await client.PostAsync(new Uri(ChangePasswordPath, UriKind.Relative), new FormUrlEncodedContent(form));
    }
}
