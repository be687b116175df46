using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Awards;

public sealed record WinnerSummary(int Year, string Category, bool IsTopAward, string Organisation, string OrganisationSlug, string? Project, string? StorySlug);

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

        return await db.AwardEntries.AsNoTracking()
            .Where(e => e.Category.YearId == latestYear && e.Result == AwardResult.Winner)
            .OrderByDescending(e => e.Category.IsTopAward).ThenBy(e => e.Category.SortOrder).ThenBy(e => e.Organisation.Name)
            .Select(e => new WinnerSummary(
                e.Category.Year.Year, e.Category.Name, e.Category.IsTopAward, e.Organisation.Name, e.Organisation.Slug, e.ProjectName,
                e.Story != null && e.Story.Status == Stories.StoryStatus.Published ? e.Story.Slug : null))
            .ToListAsync(cancellationToken);
    }
}
