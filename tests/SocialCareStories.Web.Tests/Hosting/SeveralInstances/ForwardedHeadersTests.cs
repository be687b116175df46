using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting.SeveralInstances;

/// <summary>A portal behind a load balancer at 10.0.0.5, allowing two sign-in posts a minute per client address.</summary>
public sealed class BehindProxyPortal : PortalFactory
{
    public static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

    protected override bool SeedOnStart => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:SignInAttemptsPerMinute", "2");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy.ToString());
    }
}

public sealed class ForwardedHeadersTests(BehindProxyPortal portal) : IClassFixture<BehindProxyPortal>
{
    [Fact]
    public async Task Behind_the_known_proxy_the_sign_in_limit_counts_each_reader_by_the_address_the_proxy_forwards()
    {
        var first = await SignInPostsAsync(from: BehindProxyPortal.Proxy, forwardedFor: n => "203.0.113.7", count: 3);
        var second = await SignInPostsAsync(from: BehindProxyPortal.Proxy, forwardedFor: n => "203.0.113.8", count: 1);

        Assert.Equal(HttpStatusCode.TooManyRequests, first[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, first[..^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.Single());
    }

    [Fact]
    public async Task A_forwarded_address_from_a_sender_that_is_not_the_proxy_is_ignored()
    {
        // Someone inventing a new X-Forwarded-For for each post is still counted by their own address.
        var statuses = await SignInPostsAsync(from: IPAddress.Parse("198.51.100.20"), forwardedFor: n => $"203.0.113.{100 + n}", count: 3);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private async Task<List<HttpStatusCode>> SignInPostsAsync(IPAddress from, Func<int, string> forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var n = 0; n < count; n++)
        {
            var context = await portal.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Post;
                c.Request.Path = "/Account/Login";
                c.Connection.RemoteIpAddress = from;
                c.Request.Headers["X-Forwarded-For"] = forwardedFor(n);
            });
            statuses.Add((HttpStatusCode)context.Response.StatusCode);
        }

        return statuses;
    }
}
