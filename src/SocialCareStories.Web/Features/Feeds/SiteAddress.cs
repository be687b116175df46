namespace SocialCareStories.Web.Features.Feeds;

/// <summary>
/// The absolute address the reader used to reach the site. Feeds, sitemaps and robots.txt must carry absolute
/// URLs, and the site has no configured public host, so they are built from the request; the output cache
/// varies by host, so one host's URLs are never served to another.
/// </summary>
public sealed class SiteAddress
{
    private readonly string _root;

    private SiteAddress(string root) => _root = root;

    public static SiteAddress Of(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}");

    /// <summary>The host name alone, without port, for tag: URIs.</summary>
    public string HostName => new Uri(_root).Host;

    /// <summary>An absolute URL for a site path such as "/stories".</summary>
    public string Absolute(string path) => _root + path;

    /// <summary>An absolute URL for a page under <paramref name="section"/> named by a slug, escaped in case a slug ever holds more than [a-z0-9-].</summary>
    public string Page(string section, string slug) => $"{_root}/{section}/{Uri.EscapeDataString(slug)}";
}
