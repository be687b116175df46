using System.Net;
using System.Net.Http.Headers;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Components;

/// <summary>Byte ranges of the public stylesheet (RFC 9110 §14): a satisfiable range is those bytes only, with their Content-Range.</summary>
public sealed class StaticFileRangeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string path, RangeHeaderValue? range, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Range = range;
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await portal.CreateClient().SendAsync(request);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gzip, deflate, br")]
    public async Task A_range_of_the_stylesheet_is_206_with_only_those_bytes_of_the_representation_it_names(string? acceptEncoding)
    {
        // A range counts bytes of the representation it is served as (RFC 9110 §14.1.2): a precompressed file when
        // the build made one, else the file itself (compression on the fly never applies to a 206).
        var response = await GetAsync("/app.css", new RangeHeaderValue(10, 29), acceptEncoding);
        var body = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        var whole = await (await GetAsync("/app.css", range: null, encoding ?? "identity")).Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(20, body.Length);
        Assert.Equal(whole[10..30], body);
        var contentRange = response.Content.Headers.ContentRange;
        Assert.Equal((10L, 29L, (long?)whole.Length), (contentRange?.From, contentRange?.To, contentRange?.Length));
    }

    [Fact]
    public async Task A_range_past_the_end_of_the_stylesheet_is_416_naming_its_length()
    {
        var length = (await (await GetAsync("/app.css", range: null)).Content.ReadAsByteArrayAsync()).Length;

        var response = await GetAsync("/app.css", new RangeHeaderValue(99_999_999, null));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal(length, response.Content.Headers.ContentRange?.Length);
    }
}
