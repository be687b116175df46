using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>
/// Requests a hostile review sent that used to end in a 500 with a stack trace: each now gets a 4xx with the usual
/// security headers and one short log line. The portal runs as a real process in Production, as it would be deployed.
/// </summary>
[Trait("Category", "Process")]
public sealed class MalformedRequestTests(MalformedRequestTests.Process portal) : IClassFixture<MalformedRequestTests.Process>
{
    public static TheoryData<string, string> BadHosts()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/", "/feed.xml", "/robots.txt", "/sitemap.xml" })
        {
            foreach (var host in new[] { "xn--zz", "a..b", "x:99999", "" })
            {
                data.Add(path, host);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadHosts))]
    public async Task A_host_header_that_is_not_a_host_gets_400_with_the_security_headers_and_no_stack_trace(string path, string host)
    {
        var (status, headers) = await RawGetAsync(path, host);

        Assert.Equal(400, status);
        Assert.Contains("content-security-policy", headers.Keys);
        Assert.Equal("nosniff", headers.GetValueOrDefault("x-content-type-options"));
        Assert.DoesNotContain(portal.App.Events, e => e.TryGetProperty("@x", out _));
        Assert.DoesNotContain(portal.App.Events, e => e.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal");
    }

    [Fact]
    public async Task A_sign_out_post_without_an_antiforgery_token_gets_400_with_the_security_headers_and_no_stack_trace()
    {
        using var client = portal.App.CreateClient();

        using var response = await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var empty = await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.DoesNotContain(portal.App.Events, e => e.TryGetProperty("@x", out _));
        Assert.DoesNotContain(portal.App.Events, e => e.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal");
    }

    /// <summary>A GET written by hand, so the Host header can be anything (HttpClient refuses such hosts itself).</summary>
    private async Task<(int Status, Dictionary<string, string> Headers)> RawGetAsync(string path, string host)
    {
        var address = portal.App.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync() ?? "";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers);
    }

    public sealed class Process : IAsyncLifetime
    {
        private readonly StoreFile _store = new();

        public AppProcess App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _store.MigrateAsync();
            App = await AppProcess.StartPortalAsync(_store.Path);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            _store.Dispose();
        }
    }
}

public sealed class NonAsciiReturnAddressTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>
    /// Kestrel refuses to send a non-ASCII header value and the request fails with 500; the in-memory test server
    /// and HttpClient let it through and escape it themselves, so the address is checked where it is made.
    /// </summary>
    [Theory]
    [InlineData("/café?q=thé", "/caf%C3%A9?q=th%C3%A9")]
    [InlineData("/stories/über", "/stories/%C3%BCber")]
    [InlineData("/plain?x=1", "/plain?x=1")]
    public void A_local_return_address_becomes_ascii_by_percent_encoding_as_utf8(string returnUrl, string expected)
    {
        Assert.Equal(expected, LocalReturnUrl.From(returnUrl));
    }

    [Fact]
    public async Task A_return_address_with_accented_letters_is_percent_encoded_after_sign_in()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);

        using var signIn = await StaffAccounts.SignInAsync(client, email, StaffAccounts.Password, returnUrl: "/café?q=thé");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // The header as sent: Kestrel refuses to send a non-ASCII header value, and answers 500 instead.
        Assert.Equal("http://localhost/caf%C3%A9?q=th%C3%A9", signIn.Headers.Location?.OriginalString);
    }
}
