using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Awards;

/// <param name="Category">Null when the source never named the category (<see cref="AwardCategoryNames"/>).</param>
public sealed record WinnerSummary(int Year, string? Category, bool IsTopAward, string Organisation, string OrganisationSlug, string? Project, string? StorySlug);

/// <summary>One published year of a programme, its categories in reading order.</summary>
public sealed record AwardYearView(int Year, string Programme, DateOnly? CeremonyDate, string? Venue, IReadOnlyList<AwardCategoryView> Categories)
{
    public string Title => $"{Programme} {Year}";
}

/// <summary>A category with its announced entries: winners, then highly commended, then shortlisted.</summary>
/// <param name="Name">Null when the source never named the category: its results are shown without a heading.</param>
public sealed record AwardCategoryView(string? Name, bool IsTopAward, IReadOnlyList<AwardEntryView> Entries);

/// <summary>
/// One announced entry. The story and case study are only given when a reader can open them (their story
/// is published), so the pages never link to a 404.
/// </summary>
public sealed record AwardEntryView(
    string Organisation,
    string OrganisationSlug,
    string? Project,
    AwardResult Result,
    string? Citation,
    string? StorySlug,
    string? StoryTitle,
    string? CaseStudySlug,
    string? CaseStudyTitle);

/// <summary>
/// A category's name as readers see it. The store keeps an empty name for a category the source never named
/// (its results are known, its title is not): readers get null, so pages show those results without a heading
/// instead of a made-up one.
/// </summary>
public static class AwardCategoryNames
{
    public static string? ForReaders(string? name) => string.IsNullOrWhiteSpace(name) ? null : name;
}

public static class AwardResults
{
    public static string Label(AwardResult result) => result switch
    {
        AwardResult.Winner => "Winner",
        AwardResult.HighlyCommended => "Highly commended",
        AwardResult.Shortlisted => "Shortlisted",
        _ => "To be announced",
    };
}

/// <summary>The published Accolades as readers see them. Draft years never leave this class.</summary>
public sealed class AwardsReader(IDbContextFactory<StoriesDbContext> contextFactory)
{
    /// <summary>The winners of the most recent published year, the top award first.</summary>
    public async Task<IReadOnlyList<WinnerSummary>> LatestWinnersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latestYear = await db.AwardYears.Where(y => y.IsPublished && y.Categories.Any(c => c.Entries.Any(e => e.Result == AwardResult.Winner)))
            .OrderByDescending(y => y.Year).Select(y => (int?)y.Id).FirstOrDefaultAsync(cancellationToken);
        if (latestYear is null)
        {
            return [];
        }

        var winners = await db.AwardEntries.AsNoTracking()
            .Where(e => e.Category.YearId == latestYear && e.Result == AwardResult.Winner)
            .OrderByDescending(e => e.Category.IsTopAward).ThenBy(e => e.Category.SortOrder).ThenBy(e => e.Organisation.Name)
            .Select(e => new WinnerSummary(
                e.Category.Year.Year, e.Category.Name, e.Category.IsTopAward, e.Organisation.Name, e.Organisation.Slug, e.ProjectName,
                e.Story != null && e.Story.Status == StoryVisibility.PublicStatus ? e.Story.Slug : null))
            .ToListAsync(cancellationToken);
        return winners.Select(w => w with { Category = AwardCategoryNames.ForReaders(w.Category) }).ToList();
    }

    /// <summary>Every published year, newest first.</summary>
    public async Task<IReadOnlyList<AwardYearView>> PublishedYearsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, db.AwardYears.Where(y => y.IsPublished), cancellationToken);
    }

    /// <summary>
    /// The published results of one year: usually one programme, but a list because several programmes
    /// may hold a ceremony in the same year. Empty when the year is unknown or still a draft.
    /// </summary>
    public async Task<IReadOnlyList<AwardYearView>> PublishedYearAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, db.AwardYears.Where(y => y.IsPublished && y.Year == year), cancellationToken);
    }

    // Two queries whatever the number of years: the years with their categories, then every announced entry
    // of those years with its organisation, story and case study flattened into one projection.
    private static async Task<IReadOnlyList<AwardYearView>> LoadAsync(StoriesDbContext db, IQueryable<AwardYear> years, CancellationToken cancellationToken)
    {
        var yearRows = await years.AsNoTracking()
            .OrderByDescending(y => y.Year).ThenBy(y => y.Programme.Name)
            .Select(y => new YearRow(
                y.Id, y.Year, y.Programme.Name, y.CeremonyDate, y.Venue,
                y.Categories.OrderByDescending(c => c.IsTopAward).ThenBy(c => c.SortOrder).ThenBy(c => c.Name)
                    .Select(c => new CategoryRow(c.Id, c.Name, c.IsTopAward)).ToList()))
            .ToListAsync(cancellationToken);
        if (yearRows.Count == 0)
        {
            return [];
        }

        // Entries whose result is not yet announced stay out, as they do on story and organisation pages:
        // it is the result an entry has until someone sets one, so it says nothing a reader can rely on.
        var yearIds = yearRows.Select(y => y.Id).ToList();
        var entryRows = await db.AwardEntries.AsNoTracking()
            .Where(e => yearIds.Contains(e.Category.YearId) && e.Result != AwardResult.NotYetAnnounced)
            .Select(e => new EntryRow(e.CategoryId, new AwardEntryView(
                e.Organisation.Name,
                e.Organisation.Slug,
                e.ProjectName,
                e.Result,
                e.Citation,
                e.Story != null && e.Story.Status == StoryVisibility.PublicStatus ? e.Story.Slug : null,
                e.Story != null && e.Story.Status == StoryVisibility.PublicStatus ? e.Story.Title : null,
                e.CaseStudy != null && e.CaseStudy.Story.Status == StoryVisibility.PublicStatus ? e.CaseStudy.Slug : null,
                e.CaseStudy != null && e.CaseStudy.Story.Status == StoryVisibility.PublicStatus ? e.CaseStudy.Title : null)))
            .ToListAsync(cancellationToken);

        // Ordered here, not in SQL: results are stored by name, so the database would sort them alphabetically.
        var entriesByCategory = entryRows.ToLookup(r => r.CategoryId, r => r.Entry);
        return yearRows.Select(y => new AwardYearView(
                y.Year, y.Programme, y.CeremonyDate, y.Venue,
                y.Categories.Select(c => new AwardCategoryView(
                        AwardCategoryNames.ForReaders(c.Name),
                        c.IsTopAward,
                        entriesByCategory[c.Id]
                            .OrderByDescending(e => e.Result)
                            .ThenBy(e => e.Organisation, StringComparer.OrdinalIgnoreCase)
                            .ThenBy(e => e.Project, StringComparer.OrdinalIgnoreCase)
                            .ToList()))
                    .ToList()))
            .ToList();
    }

    private sealed record YearRow(int Id, int Year, string Programme, DateOnly? CeremonyDate, string? Venue, List<CategoryRow> Categories);

    private sealed record CategoryRow(int Id, string Name, bool IsTopAward);

    private sealed record EntryRow(int CategoryId, AwardEntryView Entry);
}
