using System.Net;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>After signing in (or out) a visitor only ever lands on this site, whatever the return address says.</summary>
public sealed class ReturnUrlTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>Addresses that lead, or that some browser or server would read as leading, to another host.</summary>
    public static TheoryData<string> OtherHosts =>
    [
        "https://evil.example/phish",
        "http:evil.example",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "\\\\evil.example/phish",
        "\\/evil.example/phish",
        " //evil.example/phish",
        "/\t/evil.example/phish",
        "/\r\n/evil.example/phish",
        "%2F%2Fevil.example/phish",
        "%2f%5cevil.example/phish",
        "%252F%252Fevil.example",
        "\u2215\u2215evil.example/phish",
        "\uff0f\uff0fevil.example/phish",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "",
    ];

    [Theory]
    [MemberData(nameof(OtherHosts))]
    public void A_return_address_that_could_leave_the_site_is_not_local(string returnUrl) =>
        Assert.False(LocalReturnUrl.IsLocal(returnUrl));

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/stories/12")]
    [InlineData("/admin/stories?status=draft#list")]
    [InlineData("/%2F%2Fevil.example")]
    public void A_path_on_this_site_is_local(string returnUrl) => Assert.True(LocalReturnUrl.IsLocal(returnUrl));

    [Theory]
    [MemberData(nameof(OtherHosts))]
    public async Task Signing_in_with_a_foreign_return_address_lands_on_the_admin_home(string returnUrl)
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);

        using var signIn = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(new Uri("http://localhost/admin"), signIn.Headers.Location);
    }

    [Fact]
    public async Task An_encoded_double_slash_stays_a_path_on_this_host()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);

        using var signIn = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password, "/%2F%2Fevil.example");

        Assert.Equal("localhost", signIn.Headers.Location?.Host);
    }

    [Theory]
    [MemberData(nameof(OtherHosts))]
    public async Task Signing_out_with_a_foreign_return_address_lands_on_the_home_page(string returnUrl)
    {
        using var client = await StaffAccounts.SignedInAsync(portal, Roles.Editor);
        var form = await StaffAccounts.FormFieldsAsync(client, "/admin", "form.admin-logout");
        form["ReturnUrl"] = returnUrl;

        using var signOut = await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", signOut.Headers.Location?.OriginalString);
    }
}
