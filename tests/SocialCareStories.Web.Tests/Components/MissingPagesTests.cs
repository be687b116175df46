using System.Net;
using System.Net.Http.Headers;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Components;

/// <summary>
/// A missing page is a 404 every time, whatever was asked before it: the not-found page is never kept by the output
/// cache (a kept 200 would answer every later re-executed 404), and a status that is not "not found" (a range past the
/// end of a file) is never dressed as the not-found page.
/// </summary>
public sealed class MissingPagesTests : IDisposable
{
    private readonly EmptyPortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    private async Task<HttpResponseMessage> GetAsync(string path, RangeHeaderValue? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Range = range;
        return await _portal.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task The_not_found_page_asked_for_directly_is_a_404_and_is_never_cached()
    {
        var first = await GetAsync("/not-found");
        var second = await GetAsync("/not-found");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.False(second.Headers.Age.HasValue, "the not-found page was served from the output cache");
    }

    [Fact]
    public async Task A_missing_page_stays_a_404_after_someone_asked_for_the_not_found_page()
    {
        await GetAsync("/not-found");
        await GetAsync("/not-found");

        var missing = await GetAsync("/no-such-page");
        var missingAgain = await GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingAgain.StatusCode);
        Assert.Contains("We could not find that page", await missingAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_past_the_end_of_a_stylesheet_is_416_not_a_page_even_after_the_not_found_page_was_asked_for()
    {
        await GetAsync("/not-found");
        await GetAsync("/not-found");

        var response = await GetAsync("/app.css", new RangeHeaderValue(99_999_999, null));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
