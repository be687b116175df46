using System.Net;
using System.Net.Http.Headers;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>What keeps the public pages light (ADR-015): compression, cached icons, and no framework on reading pages.</summary>
public sealed class PublicSiteTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string[] ReadingPages = ["/", "/stories", "/stories/a-piece-in-the-jigsaw-social-care-and-jobs-in-wolverhampton", "/search?q=care", "/awards", "/categories", "/Account/Login"];

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/", "gzip")]
    [InlineData("/stories?page=1", "br")]
    [InlineData("/feed.xml", "gzip")]
    [InlineData("/sitemap.xml", "br")]
    [InlineData("/app.css", "br")]
    [InlineData("/site.webmanifest", "gzip")]
    public async Task Pages_feeds_and_styles_are_compressed_for_a_client_that_accepts_it(string path, string encoding)
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_client_that_accepts_no_encoding_gets_plain_html()
    {
        using var response = await portal.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/icon.svg", "image/svg+xml")]
    [InlineData("/apple-touch-icon.png", "image/png")]
    [InlineData("/icon-192.png", "image/png")]
    [InlineData("/icon-512.png", "image/png")]
    [InlineData("/site.webmanifest", "application/manifest+json")]
    [InlineData("/images/social-card.png", "image/png")]
    public async Task The_icons_manifest_and_social_card_are_served_and_cached_for_a_week(string path, string contentType)
    {
        using var response = await portal.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(7), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task The_manifest_names_the_site_and_its_maskable_icons()
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(await portal.CreateClient().GetStringAsync(new Uri("/site.webmanifest", UriKind.Relative)));
        var root = manifest.RootElement;

        Assert.Equal("SocialCareStories", root.GetProperty("name").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        var sizes = root.GetProperty("icons").EnumerateArray().Where(i => i.TryGetProperty("purpose", out var purpose) && purpose.GetString()!.Contains("maskable", StringComparison.Ordinal))
            .Select(i => i.GetProperty("sizes").GetString()).ToList();
        Assert.Equal(["192x192", "512x512"], sizes);
    }

    [Fact]
    public async Task Reading_and_sign_in_pages_load_the_site_stylesheet_only_and_no_script()
    {
        using var client = portal.CreateClient();
        foreach (var path in ReadingPages)
        {
            var document = await client.GetDocumentAsync(path);

            var stylesheets = document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).ToList();
            Assert.True(stylesheets is [{ } only] && only.StartsWith("app.", StringComparison.Ordinal) && only.EndsWith(".css", StringComparison.Ordinal), $"{path}: {string.Join(", ", stylesheets)}");
            Assert.Empty(document.QuerySelectorAll("script"));
            Assert.DoesNotContain("mud-", document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_reading_page_links_the_icons_manifest_theme_colour_and_a_social_card()
    {
        using var client = portal.CreateClient();
        foreach (var path in ReadingPages.Where(p => !p.StartsWith("/Account", StringComparison.Ordinal)))
        {
            var document = await client.GetDocumentAsync(path);

            Assert.NotNull(document.QuerySelector("link[rel=icon][href='/favicon.ico']"));
            Assert.NotNull(document.QuerySelector("link[rel=icon][type='image/svg+xml']"));
            Assert.NotNull(document.QuerySelector("link[rel=apple-touch-icon]"));
            Assert.NotNull(document.QuerySelector("link[rel=manifest][href='/site.webmanifest']"));
            Assert.NotNull(document.QuerySelector("meta[name=theme-color]"));
            Assert.Equal("http://localhost/images/social-card.png", document.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
            Assert.Equal("summary_large_image", document.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));
        }
    }
}
