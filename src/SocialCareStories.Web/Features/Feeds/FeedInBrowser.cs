using Microsoft.Net.Http.Headers;

namespace SocialCareStories.Web.Features.Feeds;

/// <summary>
/// A feed opened in a browser tab. Every feed names <c>/feed.xsl</c>, which turns it into a readable page; Chromium
/// applies such a stylesheet to <c>application/xml</c> but shows an <c>application/atom+xml</c> document as raw text.
/// So a request that prefers HTML (a browser navigating) gets the same Atom document as <c>application/xml</c>; feed
/// readers, which ask for Atom or XML or anything at all, get <c>application/atom+xml</c> (ADR-015).
/// </summary>
public static class FeedInBrowser
{
    public const string StylesheetPath = "/feed.xsl";
    public const string BrowserContentType = "application/xml; charset=utf-8";

    private static readonly string[] FeedTypes = ["application/atom+xml", "application/xml", "text/xml", "application/rss+xml"];

    /// <summary>True when the Accept header names text/html with a higher quality than any XML type.</summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double html = 0, feed = 0;
        foreach (var type in accepted)
        {
            var quality = type.Quality ?? 1;
            if (type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, quality);
            }
            else if (FeedTypes.Any(f => type.MediaType.Equals(f, StringComparison.OrdinalIgnoreCase)))
            {
                feed = Math.Max(feed, quality);
            }
        }

        return html > feed;
    }

    public static string ContentTypeFor(HttpRequest request) => PrefersHtml(request) ? BrowserContentType : AtomFeedWriter.ContentType;

    /// <summary>The output cache keeps the two answers apart (see ContentCache).</summary>
    public static string CacheVariant(HttpRequest request) => PrefersHtml(request) ? "browser" : "reader";
}

/// <summary>Endpoint metadata: an Atom feed, answered for browsers or feed readers.</summary>
public sealed class AtomFeedMarker;
