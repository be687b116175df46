using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Hosting;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>The portal as production runs it: not Development, so HSTS and the error page are on.</summary>
public sealed class ProductionPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>
/// HTTPS as the browser sees it: HSTS outside Development, and cookies that are Secure, HttpOnly and SameSite on
/// every request except plain HTTP to this machine itself (docs/security.md, "Cookies and HTTPS").
/// </summary>
public sealed class TransportSecurityTests(ProductionPortalFactory portal) : IClassFixture<ProductionPortalFactory>
{
    private HttpClient ClientFor(string baseAddress) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [InlineData("http", "localhost", "127.0.0.1", null, false)]
    [InlineData("http", "127.0.0.1:5000", "127.0.0.1", null, false)]
    [InlineData("http", "[::1]:5000", "::1", null, false)]
    [InlineData("http", "localhost", null, null, false)]
    [InlineData("https", "localhost", "127.0.0.1", null, true)]
    [InlineData("http", "portal.example", "127.0.0.1", null, true)]
    [InlineData("http", "localhost", "192.0.2.10", null, true)]
    [InlineData("http", "localhost", "127.0.0.1", "X-Forwarded-For", true)]
    [InlineData("http", "localhost:5000", "127.0.0.1", "X-Forwarded-Proto", true)]
    [InlineData("http", "localhost", "127.0.0.1", "X-Original-For", true)]
    public void Cookies_are_secure_everywhere_but_plain_http_on_this_machine(string scheme, string host, string? remote, string? forwardedHeader, bool secure)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        if (forwardedHeader is not null)
        {
            context.Request.Headers[forwardedHeader] = "https";
        }

        Assert.Equal(secure, TransportSecurity.NeedsSecureCookies(context));
    }

    [Fact]
    public async Task Over_https_the_sign_in_and_antiforgery_cookies_are_secure_http_only_and_same_site()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = ClientFor("https://portal.example");

        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        using var signIn = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password);

        var antiforgery = Assert.Single(Cookies(page), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var session = Assert.Single(Cookies(signIn), c => c.StartsWith("scs.auth=", StringComparison.Ordinal));
        AssertAttributes(antiforgery, "secure", "httponly", "samesite=strict");
        AssertAttributes(session, "secure", "httponly", "samesite=lax");
    }

    [Fact]
    public async Task Plain_http_to_another_host_still_gets_secure_cookies_so_a_misconfigured_proxy_cannot_downgrade_them()
    {
        using var client = ClientFor("http://portal.example");

        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        AssertAttributes(Assert.Single(Cookies(page)), "secure", "httponly", "samesite=strict");
    }

    [Fact]
    public async Task Plain_http_on_this_machine_gets_cookies_without_secure_so_local_runs_can_sign_in()
    {
        using var client = ClientFor("http://localhost");

        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        var cookie = Assert.Single(Cookies(page));
        Assert.DoesNotContain("secure", Attributes(cookie));
        AssertAttributes(cookie, "httponly", "samesite=strict");
    }

    [Fact]
    public async Task Https_responses_outside_development_carry_hsts_for_a_year()
    {
        using var client = ClientFor("https://portal.example");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Plain_http_responses_carry_no_hsts_because_browsers_ignore_it_there()
    {
        using var client = ClientFor("http://portal.example");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task In_development_there_is_no_hsts()
    {
        await using var portalFactory = new PortalFactory();
        await using var development = portalFactory.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));
        using var client = development.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example") });

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static List<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    private static List<string> Attributes(string setCookie) =>
        setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();

    private static void AssertAttributes(string setCookie, params string[] expected)
    {
        var attributes = Attributes(setCookie);
        Assert.All(expected, attribute => Assert.Contains(attribute, attributes));
    }
}
