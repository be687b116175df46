using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SocialCareStories.Web.Hosting;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>The portal on a real Kestrel server on a loopback port, in production mode: limits and forwarded headers as deployed.</summary>
public sealed class KestrelPortalFactory : PortalFactory
{
    public KestrelPortalFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>Request limits set deliberately (RequestLimits) and a TLS-terminating proxy in front (TransportSecurity), on a real server.</summary>
public sealed class RequestLimitsTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    /// <summary>A browser-like client (cookies, no redirects) of the real server.</summary>
    private HttpClient NewClient()
    {
        using var probe = portal.CreateClient();
        return portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = probe.BaseAddress!, AllowAutoRedirect = false, HandleCookies = true });
    }

    [Fact]
    public async Task A_form_post_over_the_body_limit_is_refused_though_every_field_is_within_the_form_limits()
    {
        using var client = NewClient();
        var form = await StaffAccounts.FormFieldsAsync(client, "/Account/Login", "form.account-form");
        form["Input.Email"] = "someone@example.org";
        form["Input.Password"] = "a wrong password";
        using var small = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(form));
        var padding = new string('p', RequestLimits.MaxFormValueLength - 16);
        for (var i = 0; i < RequestLimits.MaxRequestBodyBytes / padding.Length + 1; i++)
        {
            form[$"padding{i}"] = padding;
        }

        // Kestrel answers 413 and may close the connection before the client has sent the whole body; on a busy
        // machine the client's write then fails with a broken pipe. Either way the body was refused.
        string large;
        try
        {
            using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(form));
            large = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge ? "refused" : $"answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception) when (exception.InnerException is IOException)
        {
            large = "refused";
        }

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("refused", large);
    }

    [Theory]
    [InlineData("/search?q=care%00home")]
    [InlineData("/stories?tag=day%00care&page=2")]
    [InlineData("/case-studies?organisation=%00")]
    public async Task An_address_with_a_NUL_in_its_query_is_refused_as_a_bad_request_on_either_engine(string path)
    {
        using var client = NewClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(RequestLimits.NulInAddressMessage, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_address_with_a_NUL_in_its_path_is_refused_as_a_bad_request()
    {
        using var client = NewClient();

        using var response = await client.GetAsync(new Uri("/tags/day%00care", UriKind.Relative));

        // Kestrel refuses it before the portal sees it.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_NUL_in_a_sign_in_form_is_refused_not_a_server_error()
    {
        using var client = NewClient();
        var form = await StaffAccounts.FormFieldsAsync(client, "/Account/Login", "form.account-form");
        form["Input.Email"] = "some\0one@example.org";
        form["Input.Password"] = "a wrong password";

        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(form));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_form_field_longer_than_any_form_needs_is_refused_as_a_bad_request_not_a_server_error()
    {
        using var client = NewClient();
        var form = await StaffAccounts.FormFieldsAsync(client, "/Account/Login", "form.account-form");
        form["Input.Email"] = "someone@example.org";
        form["Input.Password"] = new string('p', RequestLimits.MaxFormValueLength + 1);

        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Behind_a_loopback_proxy_that_says_https_the_request_is_https_hsts_and_secure_cookies_included()
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/Account/Login", UriKind.Relative));
        request.Headers.Host = "portal.example";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "the forwarded https was not believed");
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Plain_http_to_the_loopback_address_signs_in_without_secure_cookies()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }
}
