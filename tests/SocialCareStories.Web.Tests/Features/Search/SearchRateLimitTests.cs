using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Search;

/// <summary>A portal that answers three searches per client in ten seconds.</summary>
public sealed class SearchLimitedPortal : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Search:RequestsPerClientPerTenSeconds", "3");
    }
}

public sealed class SearchRateLimitTests(SearchLimitedPortal portal) : IClassFixture<SearchLimitedPortal>
{
    private async Task<HttpContext> GetAsync(string pathAndQuery, string from)
    {
        var parts = pathAndQuery.Split('?', 2);
        return await portal.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = parts[0];
            c.Request.QueryString = parts.Length > 1 ? new QueryString("?" + parts[1]) : QueryString.Empty;
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
        });
    }

    [Fact]
    public async Task A_client_searching_too_fast_is_asked_to_wait_with_a_readable_page_and_a_retry_time()
    {
        var statuses = new List<int>();
        for (var n = 0; n < 4; n++)
        {
            statuses.Add((await GetAsync($"/search?q=care{n}", "198.51.100.61")).Response.StatusCode);
        }

        var refused = await GetAsync("/search?q=care", "198.51.100.61");
        var body = await new StreamReader(refused.Response.Body).ReadToEndAsync();

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.True(int.TryParse(refused.Response.Headers.RetryAfter, out var seconds) && seconds is > 0 and <= 10, $"Retry-After: '{refused.Response.Headers.RetryAfter}'");
        Assert.StartsWith("text/html", refused.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("Please wait a moment before searching again", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_limit_leaves_other_clients_and_other_pages_alone()
    {
        for (var n = 0; n < 5; n++)
        {
            await GetAsync($"/search?q=social{n}", "198.51.100.62");
        }

        Assert.Equal(StatusCodes.Status200OK, (await GetAsync("/search?q=social", "198.51.100.63")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await GetAsync("/stories", "198.51.100.62")).Response.StatusCode);
    }
}
