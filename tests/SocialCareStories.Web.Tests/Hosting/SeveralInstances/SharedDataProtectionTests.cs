using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Hosting.SeveralInstances;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting.SeveralInstances;

/// <summary>Two instances on one store: what one instance's keys protect, the other reads.</summary>
public sealed class SharedDataProtectionTests
{
    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_instance_is_accepted_by_another_on_the_same_store_and_by_no_other_store()
    {
        using var store = new SharedStore();
        var a = store.StartInstance();
        var b = store.StartInstance();
        using var stranger = new EmptyPortalFactory();

        var email = await StaffAccounts.CreateAsync(a, Roles.Editor);
        using var signedIn = await StaffAccounts.SignInAsync(StaffAccounts.NewClient(a), email, StaffAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = CookiePairs(signedIn).Single(c => c.StartsWith("scs.auth=", StringComparison.Ordinal));

        using var onB = await GetAsync(b, "/admin", cookie);
        using var onStranger = await GetAsync(stranger, "/admin", cookie);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        // A portal with other keys cannot read the cookie, so it is not kept in a folder every process on this machine shares.
        Assert.Equal(HttpStatusCode.Redirect, onStranger.StatusCode);
        Assert.Contains("/Account/Login", onStranger.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_form_from_one_instance_posts_to_another_with_its_antiforgery_token()
    {
        using var store = new SharedStore();
        var a = store.StartInstance();
        var b = store.StartInstance();
        var email = await StaffAccounts.CreateAsync(a, Roles.Editor);

        using var form = await NewClient(a).GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var antiforgeryCookie = CookiePairs(form).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var fields = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync())
            .QuerySelectorAll("form.account-form input[name]")
            .GroupBy(input => input.GetAttribute("name")!)
            .ToDictionary(group => group.Key, group => group.First().GetAttribute("value") ?? "");
        fields["Input.Email"] = email;
        fields["Input.Password"] = StaffAccounts.Password;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var onB = await NewClient(b).SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, onB.StatusCode);
        Assert.Contains(CookiePairs(onB), c => c.StartsWith("scs.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_key_ring_is_kept_in_the_store_under_the_portals_own_application_name()
    {
        using var store = new SharedStore();
        var a = store.StartInstance();
        var b = store.StartInstance();

        await using var db = await a.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        // The first instance made the key as it started; the second found it and made none.
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        Assert.Equal(SharedDataProtection.ApplicationName, a.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        Assert.Equal(SharedDataProtection.ApplicationName, b.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
    }

    private static HttpClient NewClient(WebApplicationFactory<Program> portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpResponseMessage> GetAsync(WebApplicationFactory<Program> portal, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await NewClient(portal).SendAsync(request);
    }

    /// <summary>The name=value part of each Set-Cookie header.</summary>
    private static List<string> CookiePairs(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]).ToList() : [];
}
