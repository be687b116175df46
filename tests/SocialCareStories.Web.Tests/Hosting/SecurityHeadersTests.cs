using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

public sealed class SecurityHeadersTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private HttpClient NewClient() => portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/feed.xml", HttpStatusCode.OK)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/no-such-page-anywhere", HttpStatusCode.NotFound)]
    [InlineData("/admin/stories", HttpStatusCode.Redirect)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    public async Task Every_kind_of_response_carries_the_security_headers(string path, HttpStatusCode expected)
    {
        using var client = NewClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_public_page_served_from_the_output_cache_still_carries_the_security_headers()
    {
        using var client = NewClient();
        using var first = await client.GetAsync(new Uri("/stories", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/stories", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // The output cache marks a replayed response with Age.
        Assert.True(second.Headers.Age.HasValue, "the second request was not served from the output cache");
        AssertSecurityHeaders(first);
        AssertSecurityHeaders(second);
    }

    [Fact]
    public async Task The_policy_allows_no_eval_and_no_inline_script_except_the_import_map_by_its_hash()
    {
        // The staff screens carry Blazor's import map; reading pages carry no script at all (ADR-015).
        using var client = await StaffAccounts.SignedInAsync(portal, "Editor");
        using var response = await client.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var directives = Directives(response);

        var scriptSources = directives["script-src"];
        Assert.DoesNotContain("'unsafe-eval'", scriptSources);
        Assert.DoesNotContain("'unsafe-inline'", scriptSources);
        Assert.DoesNotContain("'unsafe-eval'", directives["default-src"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);

        // Every inline script the page holds (the import map) is allowed by exactly its own hash.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var inlineScripts = document.QuerySelectorAll("script:not([src])").ToList();
        Assert.NotEmpty(inlineScripts);
        foreach (var script in inlineScripts)
        {
            var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.TextContent)));
            Assert.Contains($"'sha256-{hash}'", scriptSources);
        }
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_http_only_and_same_site()
    {
        using var client = NewClient();
        using var response = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var directives = Directives(response);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=()", Header(response, "Permissions-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    private static Dictionary<string, string[]> Directives(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no {name} header");
}
