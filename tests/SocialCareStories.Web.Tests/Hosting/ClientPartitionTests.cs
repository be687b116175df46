using System.Net;
using Microsoft.AspNetCore.Http;
using SocialCareStories.Web.Tests.Features.Comments;
using SocialCareStories.Web.Tests.Hosting.SeveralInstances;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>
/// Rate limits count a client by its network, not its exact address: an IPv6 host is given a whole /64 and can send
/// each request from a new address in it, so the /64 is one client; an IPv4 address written as IPv6 is that IPv4 address.
/// </summary>
public sealed class ClientPartitionTests(BehindProxyPortal signInPortal, RateLimitedPortalFactory commentsPortal)
    : IClassFixture<BehindProxyPortal>, IClassFixture<RateLimitedPortalFactory>
{
    private static async Task<List<HttpStatusCode>> PostsAsync(PortalFactory portal, string path, IEnumerable<string> addresses)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in addresses)
        {
            var context = await portal.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Post;
                c.Request.Path = path;
                c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            });
            statuses.Add((HttpStatusCode)context.Response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task Sign_in_posts_from_new_addresses_in_one_IPv6_64_count_as_one_client()
    {
        // The portal allows two sign-in posts a minute per client.
        var statuses = await PostsAsync(signInPortal, "/Account/Login", ["2001:db8:5:6::1", "2001:db8:5:6:aaaa::2", "2001:db8:5:6:ffff:ffff:ffff:3"]);
        var neighbour = await PostsAsync(signInPortal, "/Account/Login", ["2001:db8:5:7::1"]);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, neighbour.Single());
    }

    [Fact]
    public async Task An_IPv4_address_written_as_IPv6_is_the_same_client_as_the_IPv4_address()
    {
        var statuses = await PostsAsync(signInPortal, "/Account/Login", ["192.0.2.44", "::ffff:192.0.2.44", "192.0.2.44"]);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Comment_posts_from_new_addresses_in_one_IPv6_64_count_as_one_client()
    {
        // The portal takes two comments per client in ten minutes.
        var path = Comments.FormPath();
        var statuses = await PostsAsync(commentsPortal, path, ["2001:db8:9:9::10", "2001:db8:9:9::11", "2001:db8:9:9::12"]);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..^1]);
    }
}

public sealed class ClientPartitionKeyTests
{
    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void A_client_is_its_IPv4_address_or_its_IPv6_64(string address, string key) =>
        Assert.Equal(key, SocialCareStories.Web.Hosting.ClientPartition.Key(IPAddress.Parse(address)));
}
