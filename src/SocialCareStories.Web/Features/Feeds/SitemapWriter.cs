using System.Globalization;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Feeds;

/// <summary>
/// The sitemaps.org 0.9 urlset of every public page with published content. Stories are streamed a row at a
/// time (slug and timestamp only), so a store of 100,000 stories never sits in memory; the listings are a
/// handful of set-based queries, one per kind of page.
/// </summary>
internal sealed class SitemapWriter(IDbContextFactory<StoriesDbContext> contextFactory)
{
    public const string ContentType = "application/xml; charset=utf-8";
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static readonly string[] FixedPages = ["/", "/stories", "/categories", "/case-studies", "/awards"];

    public async Task WriteAsync(XmlWriter xml, SiteAddress site, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await xml.WriteStartElementAsync(null, "urlset", Namespace);

        foreach (var path in FixedPages)
        {
            await Url(xml, site.Absolute(path));
        }

        var stories = db.Stories.AsNoTracking().Where(s => s.Status == StoryStatus.Published).OrderBy(s => s.Id)
            .Select(s => new { s.Slug, s.UpdatedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken);
        await foreach (var story in stories)
        {
            await Url(xml, site.Page("stories", story.Slug), story.UpdatedAt);
        }

        foreach (var slug in await CategoriesWithStoriesAsync(db, cancellationToken))
        {
            await Url(xml, site.Page("categories", slug));
        }

        var tags = await db.Tags.Where(t => t.Stories.Any(s => s.Status == StoryStatus.Published))
            .OrderBy(t => t.Slug).Select(t => t.Slug).ToListAsync(cancellationToken);
        foreach (var slug in tags)
        {
            await Url(xml, site.Page("tags", slug));
        }

        var authors = await db.Authors.Where(a => a.Stories.Any(s => s.Story.Status == StoryStatus.Published))
            .OrderBy(a => a.Slug).Select(a => a.Slug).ToListAsync(cancellationToken);
        foreach (var slug in authors)
        {
            await Url(xml, site.Page("authors", slug));
        }

        // An organisation's page lists its people's stories and the case studies it took part in, as StoryCatalogue filters them.
        var organisations = await db.Organisations
            .Where(o => db.Authors.Any(a => a.OrganisationId == o.Id && a.Stories.Any(s => s.Story.Status == StoryStatus.Published))
                || db.CaseStudies.Any(c => c.Story.Status == StoryStatus.Published && c.Organisations.Any(co => co.Id == o.Id)))
            .OrderBy(o => o.Slug).Select(o => o.Slug).ToListAsync(cancellationToken);
        foreach (var slug in organisations)
        {
            await Url(xml, site.Page("organisations", slug));
        }

        var awardYears = await db.AwardYears.Where(y => y.IsPublished).Select(y => y.Year).Distinct()
            .OrderByDescending(y => y).ToListAsync(cancellationToken);
        foreach (var year in awardYears)
        {
            await Url(xml, site.Page("awards", year.ToString(CultureInfo.InvariantCulture)));
        }

        await xml.WriteEndElementAsync();
    }

    /// <summary>A category page shows its descendants' stories too, so a sector whose stories all sit in its themes still counts.</summary>
    private static async Task<IReadOnlyList<string>> CategoriesWithStoriesAsync(StoriesDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Slug, c.ParentId }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var withStories = await db.Categories.Where(c => c.Stories.Any(s => s.Status == StoryStatus.Published)).Select(c => c.Id).ToListAsync(cancellationToken);
        var listed = new HashSet<int>();
        foreach (var id in withStories)
        {
            // Walk up until an ancestor already listed, which also stops a (corrupt) cycle from looping for ever.
            int? current = id;
            while (current is { } c && all.TryGetValue(c, out var category) && listed.Add(c))
            {
                current = category.ParentId;
            }
        }

        return listed.Select(id => all[id].Slug).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task Url(XmlWriter xml, string location, DateTimeOffset? lastModified = null)
    {
        await xml.WriteStartElementAsync(null, "url", Namespace);
        await xml.WriteElementStringAsync(null, "loc", Namespace, location);
        if (lastModified is { } modified)
        {
            // W3C Datetime, which sitemaps.org asks for, accepts the same UTC form Atom uses.
            await xml.WriteElementStringAsync(null, "lastmod", Namespace, AtomFeedWriter.Rfc3339(modified));
        }

        await xml.WriteEndElementAsync();
    }
}
