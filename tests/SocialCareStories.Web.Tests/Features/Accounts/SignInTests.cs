using System.Net;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Accounts.Pages;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

public sealed class SignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_anonymous_visitor_to_admin_is_sent_to_sign_in_and_back()
    {
        using var client = StaffAccounts.NewClient(portal);

        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Fadmin", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task An_editor_signs_in_and_reaches_admin()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);

        using var signIn = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password, returnUrl: "/admin");
        using var admin = await client.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(new Uri("http://localhost/admin"), signIn.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);

        using var wrongPassword = await StaffAccounts.SignInAsync(client, email, "not the password at all");
        using var unknownEmail = await StaffAccounts.SignInAsync(client, "nobody-here@example.org", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Login.FailureMessage), await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Login.FailureMessage), await unknownEmail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);
        await StaffAccounts.LockOutAsync(client, email);

        using var rightPassword = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains("Sign-in failed", await rightPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_account_without_the_role_is_refused()
    {
        using var client = await StaffAccounts.SignedInAsync(portal, Roles.AwardsAdmin);

        using var response = await client.GetAsync(new Uri("/admin/stories", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_refused_sign_in_never_writes_the_password_back_into_the_page()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);

        using var refused = await StaffAccounts.SignInAsync(client, email, "my almost right password");
        using var invalid = await StaffAccounts.SignInAsync(client, "not an email", "another typed password");

        Assert.DoesNotContain("my almost right password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("another typed password", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
