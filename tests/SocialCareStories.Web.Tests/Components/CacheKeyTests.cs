using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Components;

/// <summary>
/// A cached page varies only by the query parameters it reads: a parameter no page reads (a tracker's, a flood's) is
/// not a new cache entry, and never reaches the page, so nothing it says can be cached for others.
/// </summary>
public sealed class CacheKeyTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    private async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await _portal.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/stories?junk=1", "/stories?junk=2")]
    [InlineData("/", "/?u=1")]
    [InlineData("/stories/speak-up-at-the-back-there?utm_source=x", "/stories/speak-up-at-the-back-there")]
    [InlineData("/stories?kind=news&junk=1", "/stories?junk=2&kind=news")]
    [InlineData("/search?q=care&x=1", "/search?q=care&y=2")]
    public async Task A_parameter_no_page_reads_is_served_the_same_cached_page(string first, string second)
    {
        var (firstResponse, firstHtml) = await GetAsync(first);
        var (secondResponse, secondHtml) = await GetAsync(second);

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.True(secondResponse.Headers.Age.HasValue, $"{second} was not served from the page cached for {first}");
        Assert.Equal(firstHtml, secondHtml);
    }

    [Theory]
    [InlineData("/stories", "/stories?page=2")]
    [InlineData("/stories", "/stories?kind=news")]
    [InlineData("/search?q=care", "/search?q=council")]
    [InlineData("/tags", "/tags?page=2")]
    public async Task A_parameter_the_page_reads_is_its_own_cache_entry(string first, string second)
    {
        await GetAsync(first);
        var (secondResponse, _) = await GetAsync(second);

        Assert.False(secondResponse.Headers.Age.HasValue, $"{second} was served the page cached for {first}");
    }

    [Fact]
    public async Task A_parameter_no_page_reads_never_appears_in_the_page()
    {
        var (_, html) = await GetAsync("/stories?kind=news&injected=Visit-evil-example");

        Assert.DoesNotContain("Visit-evil-example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("injected", html, StringComparison.Ordinal);
    }

    /// <summary>The cache learns a page's parameters from its [SupplyParameterFromQuery] properties, so only pages may have them.</summary>
    [Fact]
    public void Every_query_parameter_is_read_by_a_routable_page()
    {
        var offenders = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any() is false)
            .Where(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Any(p => p.IsDefined(typeof(SupplyParameterFromQueryAttribute))))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(offenders);
    }
}
