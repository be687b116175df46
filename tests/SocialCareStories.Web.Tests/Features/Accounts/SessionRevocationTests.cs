using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>With the default settings: a session ends at once on sign-out, disabling or a role change, not a minute later.</summary>
public sealed class SessionRevocationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_copied_cookie_no_longer_works_after_its_owner_signs_out()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);
        using var signIn = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);
        var copied = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("scs.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var beforeSignOut = await WithCookieAsync(copied);

        var form = await StaffAccounts.FormFieldsAsync(client, "/admin", "form.admin-logout");
        using var signOut = await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), new FormUrlEncodedContent(form));
        using var afterSignOut = await WithCookieAsync(copied);

        Assert.Equal(HttpStatusCode.OK, beforeSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/Account/Login", afterSignOut.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_next_request()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);
        using var _ = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);
        using var asEditor = await client.GetAsync(new Uri("/admin/stories", UriKind.Relative));

        var changed = await portal.Services.GetRequiredService<UserAdministration>().SetRoleAsync(Actor.System, email, Roles.AwardsAdmin);
        using var afterChange = await client.GetAsync(new Uri("/admin/stories", UriKind.Relative));

        Assert.True(changed.Succeeded, changed.Message);
        Assert.Equal(HttpStatusCode.OK, asEditor.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, afterChange.StatusCode);
    }

    [Fact]
    public async Task An_open_editor_of_a_disabled_account_cannot_save_or_publish()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        Actor editor;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            // The actor as the open editor page holds it: taken from the principal its circuit started with.
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
            var user = await signIn.UserManager.FindByEmailAsync(email);
            editor = Actor.From(await signIn.CreateUserPrincipalAsync(user!));
        }

        await using var editingScope = portal.Services.CreateAsyncScope();
        var editing = editingScope.ServiceProvider.GetRequiredService<StoryEditing>();
        var before = await editing.SaveAsync(new StoryForm { Title = $"Before {Guid.NewGuid():N}", Body = "Text." }, editor);
        var disabled = await portal.Services.GetRequiredService<UserAdministration>().DisableAsync(Actor.System, email);
        var save = await editing.SaveAsync(new StoryForm { Title = $"Saved {Guid.NewGuid():N}", Body = "Text." }, editor);
        var publish = await editing.SaveAsync(new StoryForm { Title = $"Published {Guid.NewGuid():N}", Body = "Text." }, editor, StoryTransition.Publish);

        Assert.True(disabled.Succeeded, disabled.Message);
        Assert.Equal(EditOutcome.Saved, before.Outcome);
        Assert.Equal(EditOutcome.Invalid, save.Outcome);
        Assert.Equal(EditOutcome.Invalid, publish.Outcome);
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie)
    {
        using var stranger = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        return await stranger.SendAsync(request);
    }
}
