using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SocialCareStories.Web.Tests.Features.Feeds;

/// <summary>Fetching and reading the portal's XML documents the way a feed reader or crawler would.</summary>
internal static partial class FeedXml
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static async Task<(XDocument Document, MediaTypeHeaderValue? ContentType)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        // Parsing is the validity check: a badly escaped title or a stray control character throws here.
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return (document, response.Content.Headers.ContentType);
    }

    public static IReadOnlyList<XElement> Entries(XDocument feed) => feed.Root!.Elements(Atom + "entry").ToList();

    /// <summary>The story slug an entry's alternate link points at.</summary>
    public static string StorySlug(XElement entry)
    {
        var href = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") is null or "alternate").Attribute("href")!.Value;
        return new Uri(href).AbsolutePath["/stories/".Length..];
    }

    public static IReadOnlyList<string> SitemapLocations(XDocument sitemap) =>
        sitemap.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value).ToList();

    /// <summary>RFC 3339 date-time: what Atom requires of updated and published.</summary>
    public static bool IsRfc3339(string value) =>
        Rfc3339().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsAbsoluteHttp(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
