using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Organisations;

/// <summary>An organisation's page: its name, the published case studies naming it and its announced awards.</summary>
public sealed record OrganisationDetails(string Name, IReadOnlyList<CaseStudyLink> CaseStudies, IReadOnlyList<OrganisationAward> Awards);

public sealed record CaseStudyLink(string Title, string Slug);

public sealed record OrganisationAward(StoryAward Award, string? Project)
{
    public int Year => Award.Year;
    public string Category => Award.Category;
    public string Label => Award.Label;

    // A category the source never named, or an entry without a project, leaves nothing to print, not a bare comma.
    public string Details => string.Join(", ", new[] { Awards.AwardCategoryNames.ForReaders(Award.Category), Project }.Where(p => p is { Length: > 0 }));
}

/// <summary>
/// The organisations readers may see. An organisation's stories are those by its people and those whose case
/// studies name it (as StoryCatalogue filters them), counting only published stories: one known only from a
/// draft would tell readers something about the draft.
/// </summary>
public sealed class OrganisationIndex(IDbContextFactory<StoriesDbContext> contextFactory)
{
    /// <summary>A page of /organisations: every organisation with a published story, A to Z, with how many it has.</summary>
    /// <remarks>
    /// The (organisation, story) pairs from both routes are united, so a story by one of its people that also
    /// names it in a case study counts once, then grouped by organisation and joined to the organisations.
    /// "Its story is published" is EXISTS for the case studies, as in CaseStudyCatalogue: joined, SQLite started
    /// from every published story to find the few with a case study (at 100,000 stories 30 ms against 14 ms).
    /// </remarks>
    public async Task<StoryPage<IndexEntry>> PageAsync(int page, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var byItsPeople =
            from link in db.StoryAuthors
            where link.Story.Status == StoryVisibility.PublicStatus && link.Author.OrganisationId != null
            select new { OrganisationId = link.Author.OrganisationId!.Value, link.StoryId };
        var byItsCaseStudies =
            from link in db.Set<Dictionary<string, object>>("CaseStudyOrganisations")
            join caseStudy in db.CaseStudies on EF.Property<int>(link, "CaseStudyId") equals caseStudy.Id
            where db.Stories.Any(s => s.Id == caseStudy.StoryId && s.Status == StoryVisibility.PublicStatus)
            select new { OrganisationId = EF.Property<int>(link, "OrganisationsId"), caseStudy.StoryId };
        var counts =
            from pair in byItsPeople.Union(byItsCaseStudies)
            group pair by pair.OrganisationId into stories
            select new { OrganisationId = stories.Key, Count = stories.Count() };
        var entries =
            from organisation in db.Organisations.AsNoTracking()
            join count in counts on organisation.Id equals count.OrganisationId
            select new IndexEntry { Name = organisation.Name, Slug = organisation.Slug, StoryCount = count.Count };
        return await IndexEntries.PageAsync(entries, page, cancellationToken);
    }

    /// <summary>
    /// The organisation, or null when readers have nothing of it to see: no published story and no announced
    /// award. Awards count because the published awards pages link every entrant's organisation.
    /// </summary>
    public async Task<OrganisationDetails?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Organisations.AsNoTracking().Where(o => o.Slug == slug).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var caseStudies = await db.CaseStudies.AsNoTracking()
            .Where(c => c.Story.Status == StoryVisibility.PublicStatus && c.Organisations.Any(o => o.Slug == slug))
            .OrderBy(c => c.Title)
            .Select(c => new CaseStudyLink(c.Title, c.Slug))
            .ToListAsync(cancellationToken);
        var awards = await db.AwardEntries.AsNoTracking()
            .Where(e => e.Organisation.Slug == slug && e.Category.Year.IsPublished && e.Result != AwardResult.NotYetAnnounced)
            .OrderByDescending(e => e.Category.Year.Year)
            .Select(e => new OrganisationAward(new StoryAward(e.Category.Year.Programme.Name, e.Category.Year.Year, e.Category.Name, e.Result, e.Organisation.Name), e.ProjectName))
            .ToListAsync(cancellationToken);
        if (caseStudies.Count == 0 && awards.Count == 0 && !await HasStoriesByItsPeopleAsync(db, slug, cancellationToken))
        {
            return null;
        }

        return new OrganisationDetails(name, caseStudies, awards);
    }

    private static Task<bool> HasStoriesByItsPeopleAsync(StoriesDbContext db, string slug, CancellationToken cancellationToken) =>
        db.StoryAuthors.AnyAsync(
            a => a.Story.Status == StoryVisibility.PublicStatus && a.Author.Organisation != null && a.Author.Organisation.Slug == slug,
            cancellationToken);
}
