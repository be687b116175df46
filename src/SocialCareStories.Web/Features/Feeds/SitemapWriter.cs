using System.Globalization;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Feeds;

/// <summary>
/// The sitemaps.org 0.9 sitemap of every public page with published content: one urlset while it fits in
/// 50,000 addresses, otherwise an index of a listings part and story parts. Stories are streamed a row at a
/// time (slug and timestamp only), so a store of 100,000 stories never sits in memory; the listings are a
/// handful of set-based queries, one per kind of page.
/// </summary>
internal sealed class SitemapWriter(IDbContextFactory<StoriesDbContext> contextFactory, IConfiguration configuration)
{
    /// <summary>The sitemaps.org limit of addresses in one file; configurable (Feeds:SitemapMaxUrls) so tests can reach it.</summary>
    private readonly int _maxUrls = Math.Max(1, configuration.GetValue("Feeds:SitemapMaxUrls", 50_000));

    public const string ContentType = "application/xml; charset=utf-8";
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static readonly string[] FixedPages = ["/", "/stories", "/categories", "/tags", "/authors", "/organisations", "/case-studies", "/awards"];

    /// <summary>What /sitemap.xml is: one urlset while everything fits, otherwise an index of parts.</summary>
    public async Task<SitemapPlan> PlanAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var storyCount = await PublishedStories(db).CountAsync(cancellationToken);
        var pageCount = (await ListingPagesAsync(db, cancellationToken)).Count;
        var storyParts = (int)Math.Ceiling(storyCount / (double)_maxUrls);
        return new SitemapPlan(storyCount + pageCount <= _maxUrls, storyParts);
    }

    /// <summary>Every public page in one urlset: the listings and every published story.</summary>
    public async Task WriteAllAsync(XmlWriter xml, SiteAddress site, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await xml.WriteStartElementAsync(null, "urlset", Namespace);
        await WriteListingPagesAsync(db, xml, site, cancellationToken);
        await WriteStoriesAsync(PublishedStories(db), xml, site, cancellationToken);
        await xml.WriteEndElementAsync();
    }

    /// <summary>sitemaps.org allows 50,000 addresses a file: past that, /sitemap.xml indexes a listings part and story parts.</summary>
    public static async Task WriteIndexAsync(XmlWriter xml, SiteAddress site, SitemapPlan plan)
    {
        await xml.WriteStartElementAsync(null, "sitemapindex", Namespace);
        foreach (var part in plan.PartNames)
        {
            await xml.WriteStartElementAsync(null, "sitemap", Namespace);
            await xml.WriteElementStringAsync(null, "loc", Namespace, site.Absolute($"/sitemaps/{part}.xml"));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    public async Task WriteListingPartAsync(XmlWriter xml, SiteAddress site, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await xml.WriteStartElementAsync(null, "urlset", Namespace);
        await WriteListingPagesAsync(db, xml, site, cancellationToken);
        await xml.WriteEndElementAsync();
    }

    /// <summary>Part <paramref name="part"/> (from 1) of the published stories, in id order.</summary>
    public async Task WriteStoryPartAsync(XmlWriter xml, SiteAddress site, int part, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await xml.WriteStartElementAsync(null, "urlset", Namespace);
        await WriteStoriesAsync(PublishedStories(db).Skip((part - 1) * _maxUrls).Take(_maxUrls), xml, site, cancellationToken);
        await xml.WriteEndElementAsync();
    }

    private static IQueryable<Story> PublishedStories(StoriesDbContext db) =>
        db.Stories.AsNoTracking().VisibleToReaders().OrderBy(s => s.Id);

    private static async Task WriteStoriesAsync(IQueryable<Story> stories, XmlWriter xml, SiteAddress site, CancellationToken cancellationToken)
    {
        var rows = stories.Select(s => new { s.Slug, s.UpdatedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken);
        await foreach (var story in rows)
        {
            await Url(xml, site.Page("stories", story.Slug), story.UpdatedAt);
        }
    }

    private static async Task WriteListingPagesAsync(StoriesDbContext db, XmlWriter xml, SiteAddress site, CancellationToken cancellationToken)
    {
        foreach (var (section, slug) in await ListingPagesAsync(db, cancellationToken))
        {
            await Url(xml, section is null ? site.Absolute(slug) : site.Page(section, slug));
        }
    }

    /// <summary>Every page other than a story's: the fixed pages (the A–Z indexes' first pages among them), then categories, tags, authors, organisations, case studies and award years with published content.</summary>
    private static async Task<List<(string? Section, string Slug)>> ListingPagesAsync(StoriesDbContext db, CancellationToken cancellationToken)
    {
        var pages = FixedPages.Select(path => ((string?)null, path)).ToList();
        pages.AddRange((await CategoriesWithStoriesAsync(db, cancellationToken)).Select(slug => ((string?)"categories", slug)));

        var tags = await db.Tags.Where(t => t.Stories.Any(s => s.Status == StoryVisibility.PublicStatus))
            .OrderBy(t => t.Slug).Select(t => t.Slug).ToListAsync(cancellationToken);
        pages.AddRange(tags.Select(slug => ((string?)"tags", slug)));

        var authors = await db.Authors.Where(a => a.Stories.Any(s => s.Story.Status == StoryVisibility.PublicStatus))
            .OrderBy(a => a.Slug).Select(a => a.Slug).ToListAsync(cancellationToken);
        pages.AddRange(authors.Select(slug => ((string?)"authors", slug)));

        // An organisation's page lists its people's stories and the case studies it took part in, as StoryCatalogue filters them.
        var organisations = await db.Organisations
            .Where(o => db.Authors.Any(a => a.OrganisationId == o.Id && a.Stories.Any(s => s.Story.Status == StoryVisibility.PublicStatus))
                || db.CaseStudies.Any(c => c.Story.Status == StoryVisibility.PublicStatus && c.Organisations.Any(co => co.Id == o.Id)))
            .OrderBy(o => o.Slug).Select(o => o.Slug).ToListAsync(cancellationToken);
        pages.AddRange(organisations.Select(slug => ((string?)"organisations", slug)));

        // A case study's page shows only while its story is published, as CaseStudyCatalogue finds it.
        var caseStudies = await db.CaseStudies.Where(c => c.Story.Status == StoryVisibility.PublicStatus)
            .OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync(cancellationToken);
        pages.AddRange(caseStudies.Select(slug => ((string?)"case-studies", slug)));

        var awardYears = await db.AwardYears.Where(y => y.IsPublished).Select(y => y.Year).Distinct()
            .OrderByDescending(y => y).ToListAsync(cancellationToken);
        pages.AddRange(awardYears.Select(year => ((string?)"awards", year.ToString(CultureInfo.InvariantCulture))));
        return pages;
    }

    /// <summary>A category page shows its descendants' stories too, so a sector whose stories all sit in its themes still counts.</summary>
    private static async Task<IReadOnlyList<string>> CategoriesWithStoriesAsync(StoriesDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Slug, c.ParentId }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var withStories = await db.Categories.Where(c => c.Stories.Any(s => s.Status == StoryVisibility.PublicStatus)).Select(c => c.Id).ToListAsync(cancellationToken);
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

/// <summary>Whether /sitemap.xml can hold everything, and how many story parts an index needs otherwise.</summary>
internal sealed record SitemapPlan(bool FitsInOneFile, int StoryParts)
{
    public IEnumerable<string> PartNames => Enumerable.Range(1, StoryParts).Select(n => $"stories-{n}").Prepend("pages");
}
