using System.Net;
using AngleSharp.Html.Parser;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Accounts.Pages.Manage;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

public sealed class ChangePasswordTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Path = "/Account/Manage/ChangePassword";
    private const string NewPassword = "a brand new and long password";

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string confirm)
    {
        var form = await StaffAccounts.FormFieldsAsync(client, Path, "form.account-form");
        form["Input.CurrentPassword"] = current;
        form["Input.NewPassword"] = next;
        form["Input.ConfirmPassword"] = confirm;
        return await client.PostAsync(new Uri(Path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>The validation message shown beside a field, by the id of the element under the field.</summary>
    private static async Task<string> MessageUnderAsync(HttpResponseMessage response, string id) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).GetElementById(id)?.TextContent.Trim() ?? "";

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        using var client = StaffAccounts.NewClient(portal);

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_change_the_new_password_signs_in_the_old_one_does_not_and_the_session_stays()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.AwardsAdmin);
        using var client = StaffAccounts.NewClient(portal);
        using var _ = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);

        using var changed = await ChangeAsync(client, StaffAccounts.Password, NewPassword, NewPassword);
        using var stillSignedIn = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        using var fresh = StaffAccounts.NewClient(portal);
        using var withOld = await StaffAccounts.SignInAsync(fresh, email, StaffAccounts.Password);
        using var withNew = await StaffAccounts.SignInAsync(fresh, email, NewPassword);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(ChangePassword.SuccessMessage, await MessageUnderAsync(changed, "change-password-done"));
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_is_named_beside_that_field_and_nothing_changes()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);
        using var _ = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);

        using var response = await ChangeAsync(client, "not my password at all", NewPassword, NewPassword);
        using var fresh = StaffAccounts.NewClient(portal);
        using var withOld = await StaffAccounts.SignInAsync(fresh, email, StaffAccounts.Password);

        Assert.Equal(ChangePassword.WrongCurrentPassword, await MessageUnderAsync(response, "current-password-error"));
        Assert.DoesNotContain("not my password at all", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withOld.StatusCode);
    }

    [Theory]
    [InlineData("short", "short", "new-password-error", "Use at least 12 characters.")]
    [InlineData(NewPassword, "something else entirely", "confirm-password-error", "The two new passwords are not the same.")]
    public async Task A_new_password_that_will_not_do_is_explained_beside_its_field(string next, string confirm, string field, string message)
    {
        using var client = await StaffAccounts.SignedInAsync(portal, Roles.Editor);

        using var response = await ChangeAsync(client, StaffAccounts.Password, next, confirm);

        Assert.Equal(message, await MessageUnderAsync(response, field));
    }

    [Fact]
    public async Task A_refused_change_never_writes_a_password_back_into_the_page()
    {
        using var client = await StaffAccounts.SignedInAsync(portal, Roles.Editor);

        using var refused = await ChangeAsync(client, "a wrong current password", NewPassword, NewPassword + " but different");
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("a wrong current password", html, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, html, StringComparison.Ordinal);
        Assert.All(new HtmlParser().ParseDocument(html).QuerySelectorAll("input[type=password]"), input => Assert.False(input.HasAttribute("value")));
    }
}
