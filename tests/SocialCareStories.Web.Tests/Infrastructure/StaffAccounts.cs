using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Accounts;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>Real Identity accounts in the test portal's store, and HTTP clients signed in through the real sign-in form.</summary>
public static class StaffAccounts
{
    public const string Password = "a long enough test password";

    /// <summary>Creates an account with the role (or none when <paramref name="role"/> is null) and returns its email.</summary>
    public static async Task<string> CreateAsync(WebApplicationFactory<Program> portal, string? role, string? email = null)
    {
        email ??= $"{(role ?? "nobody").ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, DisplayName = $"Test {role ?? "user"}" };
        Succeed(await users.CreateAsync(user, Password));
        if (role is not null)
        {
            Succeed(await users.AddToRoleAsync(user, role));
        }

        return email;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see where they lead.</summary>
    public static HttpClient NewClient(WebApplicationFactory<Program> portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as a new account with the role.</summary>
    public static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> portal, string? role)
    {
        var email = await CreateAsync(portal, role);
        var client = NewClient(portal);
        var response = await SignInAsync(client, email, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {role} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>Fills in and posts the sign-in form, antiforgery token included, as a browser would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await FormFieldsAsync(client, path, "form.account-form");
        form["Input.Email"] = email;
        form["Input.Password"] = password;
        return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Five wrong passwords: the account is then locked for five minutes.</summary>
    public static async Task LockOutAsync(HttpClient client, string email)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var _ = await SignInAsync(client, email, $"wrong password {attempt}");
        }
    }

    /// <summary>The hidden and named fields of a form on a page (antiforgery token and handler name included).</summary>
    public static async Task<Dictionary<string, string>> FormFieldsAsync(HttpClient client, string path, string formSelector)
    {
        using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
        page.EnsureSuccessStatusCode();
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var formElement = document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"{path} has no {formSelector}.");
        return formElement.QuerySelectorAll("input[name]")
            .GroupBy(input => input.GetAttribute("name")!)
            .ToDictionary(group => group.Key, group => group.First().GetAttribute("value") ?? "");
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
