using System.Globalization;
using System.Xml;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Feeds;

/// <summary>What one Atom feed says about itself: the whole site's, or one category's.</summary>
public sealed record AtomFeed(string Title, string Subtitle, string SelfPath, string AlternatePath, IReadOnlyList<FeedEntry> Entries);

/// <summary>Writes an Atom 1.0 (RFC 4287) feed.</summary>
internal sealed class AtomFeedWriter(TimeProvider clock)
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public const string Namespace = "http://www.w3.org/2005/Atom";
    public const string SiteName = "SocialCareStories";

    public async Task WriteAsync(XmlWriter xml, AtomFeed feed, SiteAddress site)
    {
        await xml.WriteStartElementAsync(null, "feed", Namespace);
        await xml.WriteAttributeStringAsync("xml", "lang", null, "en-GB");
        await Element(xml, "id", site.Absolute(feed.SelfPath));
        await Element(xml, "title", feed.Title);
        await Element(xml, "subtitle", feed.Subtitle);
        // The feed changed when its newest-changed entry did; an empty feed has nothing older to report than now.
        await Element(xml, "updated", Rfc3339(feed.Entries.Count > 0 ? feed.Entries.Max(e => e.UpdatedAt) : clock.GetUtcNow()));
        await Link(xml, "self", "application/atom+xml", site.Absolute(feed.SelfPath));
        await Link(xml, "alternate", "text/html", site.Absolute(feed.AlternatePath));
        // Atom needs an author on every entry or on the feed; stories from a page without a byline rely on this one.
        await Author(xml, SiteName, site.Absolute("/"));
        await Element(xml, "generator", SiteName);

        foreach (var entry in feed.Entries)
        {
            await WriteEntryAsync(xml, entry, site);
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task WriteEntryAsync(XmlWriter xml, FeedEntry entry, SiteAddress site)
    {
        await xml.WriteStartElementAsync(null, "entry", Namespace);
        await Element(xml, "id", EntryId(entry, site));
        await Element(xml, "title", entry.Title);
        await Link(xml, "alternate", "text/html", site.Page("stories", entry.Slug));
        var image = entry.Image is { } feature ? site.Absolute(feature.Url(feature.WidthUpTo(1280), "jpg")) : null;
        if (image is not null)
        {
            await Link(xml, "enclosure", "image/jpeg", image);
        }

        await Element(xml, "updated", Rfc3339(entry.UpdatedAt));
        if (entry.PublishedOn.AsDate is { } published)
        {
            await Element(xml, "published", Rfc3339(new DateTimeOffset(published.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        }

        foreach (var author in entry.Authors)
        {
            await Author(xml, author.Name, site.Page("authors", author.Slug));
        }

        foreach (var category in entry.Categories)
        {
            await Category(xml, category, site.Absolute("/categories/"));
        }

        foreach (var tag in entry.Tags)
        {
            await Category(xml, tag, site.Absolute("/tags/"));
        }

        await Element(xml, "summary", entry.Excerpt);
        await xml.WriteStartElementAsync(null, "content", Namespace);
        await xml.WriteAttributeStringAsync(null, "type", null, "html");
        await xml.WriteStringAsync(XmlText.Clean(FeatureImageHtml(entry.Image, image) + entry.BodyHtml));
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
    }

    /// <summary>The feature image above the body, for feed readers that show the content as it is.</summary>
    private static string FeatureImageHtml(Media.ImageRef? image, string? absoluteUrl)
    {
        if (image is null || absoluteUrl is null)
        {
            return "";
        }

        var width = image.WidthUpTo(1280);
        var alt = System.Net.WebUtility.HtmlEncode(image.Alt);
        return string.Create(CultureInfo.InvariantCulture,
            $"<p><img src=\"{System.Net.WebUtility.HtmlEncode(absoluteUrl)}\" alt=\"{alt}\" width=\"{width}\" height=\"{image.HeightAt(width)}\" /></p>");
    }

    /// <summary>
    /// A tag: URI (RFC 4151) from the story's id and the day it was added, not its address: an edited title may
    /// change the slug, and a changed id would make every reader show the story again as new.
    /// </summary>
    private static string EntryId(FeedEntry entry, SiteAddress site) =>
        $"tag:{site.HostName},{entry.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:stories/{entry.Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>RFC 3339 in UTC, to the second, as Atom requires.</summary>
    internal static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Task Element(XmlWriter xml, string name, string value) =>
        xml.WriteElementStringAsync(null, name, Namespace, XmlText.Clean(value));

    private static async Task Link(XmlWriter xml, string rel, string type, string href)
    {
        await xml.WriteStartElementAsync(null, "link", Namespace);
        await xml.WriteAttributeStringAsync(null, "rel", null, rel);
        await xml.WriteAttributeStringAsync(null, "type", null, type);
        await xml.WriteAttributeStringAsync(null, "href", null, href);
        await xml.WriteEndElementAsync();
    }

    private static async Task Author(XmlWriter xml, string name, string uri)
    {
        await xml.WriteStartElementAsync(null, "author", Namespace);
        await Element(xml, "name", name);
        await Element(xml, "uri", uri);
        await xml.WriteEndElementAsync();
    }

    private static async Task Category(XmlWriter xml, FeedTerm term, string scheme)
    {
        await xml.WriteStartElementAsync(null, "category", Namespace);
        await xml.WriteAttributeStringAsync(null, "term", null, XmlText.Clean(term.Slug));
        await xml.WriteAttributeStringAsync(null, "scheme", null, scheme);
        await xml.WriteAttributeStringAsync(null, "label", null, XmlText.Clean(term.Name));
        await xml.WriteEndElementAsync();
    }
}
