using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Feeds;

/// <summary>The machine-readable views of the portal: Atom feeds, the sitemap and robots.txt.</summary>
public static class FeedsFeature
{
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FeedReader>();
        builder.Services.AddScoped<AtomFeedWriter>();
        builder.Services.AddScoped<SitemapWriter>();
        return builder;
    }

    public static WebApplication MapFeeds(this WebApplication app)
    {
        app.MapGet("/feed.xml", SiteFeedAsync).AsPublicContent().WithMetadata(new AtomFeedMarker());
        app.MapGet("/categories/{slug}/feed.xml", CategoryFeedAsync).AsPublicContent().WithMetadata(new AtomFeedMarker());
        app.MapGet("/sitemap.xml", SitemapAsync).AsPublicContent();
        app.MapGet("/sitemaps/{part}.xml", SitemapPartAsync).AsPublicContent();
        app.MapGet("/robots.txt", Robots).AsPublicContent();
        return app;
    }

    /// <summary>
    /// Cached like the public pages and evicted with the listings (see ContentCache); the policy only caches
    /// endpoints that carry the public-page marker.
    /// </summary>
    private static RouteHandlerBuilder AsPublicContent(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new PublicPageMarker()).CacheOutput(ContentCache.PolicyName);

    private static async Task<IResult> SiteFeedAsync(HttpRequest request, FeedReader reader, AtomFeedWriter writer, CancellationToken cancellationToken)
    {
        var entries = await reader.NewestAsync(new StoryFilter(), cancellationToken);
        ShowsEntries(request.HttpContext, entries);
        var feed = new AtomFeed(AtomFeedWriter.SiteName, "Good-news stories from UK social care.", "/feed.xml", "/", entries);
        var site = SiteAddress.Of(request);
        return AtomResult(request, xml => writer.WriteAsync(xml, feed, site));
    }

    private static async Task<IResult> CategoryFeedAsync(
        string slug, HttpRequest request, CategoryTree categories, CategoryAddresses addresses, FeedReader reader, AtomFeedWriter writer, CancellationToken cancellationToken)
    {
        var category = await categories.FindAsync(slug, cancellationToken);
        if (category is null)
        {
            // A merged category's feed follows its stories, so subscribers keep receiving them; a collection has no feed
            // of its own, so its page is where the address leads.
            return await addresses.ReplacementAsync(slug, cancellationToken) is { } replacement
                ? Results.Redirect(replacement.StartsWith("/categories/", StringComparison.Ordinal) ? $"{replacement}/feed.xml" : replacement)
                : Results.NotFound();
        }

        var entries = await reader.NewestAsync(new StoryFilter { Category = category.Slug }, cancellationToken);
        ShowsEntries(request.HttpContext, entries);
        var feed = new AtomFeed(
            $"{category.Path} – {AtomFeedWriter.SiteName}",
            $"Good-practice stories from UK social care filed under {category.Path}.",
            $"/categories/{Uri.EscapeDataString(category.Slug)}/feed.xml",
            $"/categories/{Uri.EscapeDataString(category.Slug)}",
            entries);
        var site = SiteAddress.Of(request);
        return AtomResult(request, xml => writer.WriteAsync(xml, feed, site));
    }

    private static XmlResult AtomResult(HttpRequest request, Func<System.Xml.XmlWriter, Task> write)
    {
        request.HttpContext.Response.Headers.Vary = HeaderNames.Accept;
        return new XmlResult(FeedInBrowser.ContentTypeFor(request), async xml =>
        {
            await xml.WriteProcessingInstructionAsync("xml-stylesheet", $"type=\"text/xsl\" href=\"{FeedInBrowser.StylesheetPath}\"");
            await write(xml);
        });
    }

    /// <summary>A feed carries its entries' text: an edit to one of them evicts it, as it does a listing showing the story.</summary>
    private static void ShowsEntries(HttpContext context, IReadOnlyList<FeedEntry> entries)
    {
        foreach (var entry in entries)
        {
            CachedPageTags.ShowsStory(context, entry.Id);
        }
    }

    private static async Task<IResult> SitemapAsync(HttpContext context, SitemapWriter writer)
    {
        // Each story's lastmod changes with every edit.
        CachedPageTags.Add(context, ContentCache.StoryTextTag);
        var site = SiteAddress.Of(context.Request);
        var plan = await writer.PlanAsync(context.RequestAborted);
        return plan.FitsInOneFile
            ? new XmlResult(SitemapWriter.ContentType, xml => writer.WriteAllAsync(xml, site, context.RequestAborted))
            : new XmlResult(SitemapWriter.ContentType, xml => SitemapWriter.WriteIndexAsync(xml, site, plan));
    }

    private static async Task<IResult> SitemapPartAsync(string part, HttpContext context, SitemapWriter writer)
    {
        CachedPageTags.Add(context, ContentCache.StoryTextTag);
        var site = SiteAddress.Of(context.Request);
        var plan = await writer.PlanAsync(context.RequestAborted);
        if (plan.FitsInOneFile || !plan.PartNames.Contains(part, StringComparer.Ordinal))
        {
            return Results.NotFound();
        }

        return part == "pages"
            ? new XmlResult(SitemapWriter.ContentType, xml => writer.WriteListingPartAsync(xml, site, context.RequestAborted))
            : new XmlResult(SitemapWriter.ContentType, xml => writer.WriteStoryPartAsync(xml, site, int.Parse(part["stories-".Length..], CultureInfo.InvariantCulture), context.RequestAborted));
    }

    private static IResult Robots(HttpRequest request)
    {
        var robots = new StringBuilder()
            .Append("User-agent: *\n")
            .Append("Allow: /\n")
            .Append("Disallow: /admin\n")
            .Append("Disallow: /Account\n")
            .Append('\n')
            .Append("Sitemap: ").Append(SiteAddress.Of(request).Absolute("/sitemap.xml")).Append('\n');
        return Results.Text(robots.ToString(), "text/plain; charset=utf-8");
    }
}
