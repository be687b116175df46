using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Awards.Admin;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Awards;

/// <summary>
/// The awards rules against the real store of a seeded portal. Each test works in a programme of its own,
/// so tests never see each other's years.
/// </summary>
public sealed class AwardsAdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Actor Admin = new("admin-id", "Awards Admin");

    private AwardsAdministration Awards => portal.Services.CreateScope().ServiceProvider.GetRequiredService<AwardsAdministration>();

    [Theory]
    [InlineData(1989, null)]
    [InlineData(2040, null)]
    [InlineData(2015, "2013-11-20")]
    [InlineData(2015, "2017-01-10")]
    public async Task A_year_or_ceremony_date_outside_the_rule_is_refused(int year, string? ceremony)
    {
        var programme = await NewProgrammeAsync();

        var refused = await Assert.ThrowsAsync<AwardsRuleException>(() =>
            Awards.AddYearAsync(programme, year, ceremony is null ? null : DateOnly.Parse(ceremony, System.Globalization.CultureInfo.InvariantCulture), null, Admin));

        Assert.Matches("between", refused.Message);
        Assert.Empty((await ProgrammeAsync(programme)).Years);
    }

    [Fact]
    public async Task A_ceremony_early_the_next_year_is_accepted_and_the_year_is_audited()
    {
        var programme = await NewProgrammeAsync();

        var yearId = await Awards.AddYearAsync(programme, 2016, new DateOnly(2017, 3, 10), " Birmingham ", Admin);

        var year = (await Awards.YearAsync(yearId))!;
        Assert.Equal("Birmingham", year.Venue);
        Assert.False(year.IsPublished);
        Assert.Contains(await AuditAsync(), a => a.Action == "award-year.added" && a.ItemId == yearId.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.UserName == "Awards Admin");
    }

    [Fact]
    public async Task A_category_has_one_winner_unless_it_allows_joint_winners()
    {
        var (yearId, version) = await NewYearAsync();
        version = await Awards.AddCategoryAsync(yearId, version, "Best employer", allowsJointWinners: false, Admin);
        var category = (await Awards.YearAsync(yearId))!.Categories.Single();
        version = await Awards.AddEntryAsync(category.Id, version, Entry("Leeds City Council", AwardResult.Winner), Admin);

        var refused = await Assert.ThrowsAsync<AwardsRuleException>(() => Awards.AddEntryAsync(category.Id, version, Entry("Stockport Council", AwardResult.Winner), Admin));
        Assert.Contains("only one winner", refused.Message, StringComparison.Ordinal);
        Assert.Single((await Awards.YearAsync(yearId))!.Categories.Single().Entries);

        version = await Awards.SetJointWinnersAsync(category.Id, version, true, Admin);
        version = await Awards.AddEntryAsync(category.Id, version, Entry("Stockport Council", AwardResult.Winner), Admin);
        Assert.Equal(2, (await Awards.YearAsync(yearId))!.Categories.Single().Entries.Count(e => e.Result == AwardResult.Winner));

        var cannotUndo = await Assert.ThrowsAsync<AwardsRuleException>(() => Awards.SetJointWinnersAsync(category.Id, version, false, Admin));
        Assert.Contains("only one winner", cannotUndo.Message, StringComparison.Ordinal);
        Assert.True((await Awards.YearAsync(yearId))!.Categories.Single().AllowsJointWinners);
    }

    [Fact]
    public async Task Setting_a_second_winner_on_the_announcement_screen_is_refused()
    {
        var (yearId, version) = await NewYearAsync();
        version = await Awards.AddCategoryAsync(yearId, version, "Best team", false, Admin);
        var categoryId = (await Awards.YearAsync(yearId))!.Categories.Single().Id;
        version = await Awards.AddEntryAsync(categoryId, version, Entry("Leeds City Council", AwardResult.Shortlisted), Admin);
        version = await Awards.AddEntryAsync(categoryId, version, Entry("Stockport Council", AwardResult.Shortlisted), Admin);
        var entries = (await Awards.YearAsync(yearId))!.Categories.Single().Entries;

        version = await Awards.SetResultAsync(entries[0].Id, version, AwardResult.Winner, Admin);
        await Assert.ThrowsAsync<AwardsRuleException>(() => Awards.SetResultAsync(entries[1].Id, version, AwardResult.Winner, Admin));

        var after = (await Awards.YearAsync(yearId))!.Categories.Single().Entries;
        Assert.Equal([AwardResult.Winner, AwardResult.Shortlisted], after.Select(e => e.Result));
        Assert.Contains(await AuditAsync(), a => a.Action == "award-entry.result-set" && a.ItemId == entries[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_same_organisation_and_project_cannot_be_entered_twice_in_a_category()
    {
        var (yearId, version) = await NewYearAsync();
        version = await Awards.AddCategoryAsync(yearId, version, "Innovation", false, Admin);
        var categoryId = (await Awards.YearAsync(yearId))!.Categories.Single().Id;
        version = await Awards.AddEntryAsync(categoryId, version, Entry("Leeds City Council", AwardResult.Shortlisted, "We Care Academy"), Admin);

        // Typed again as a new organisation, in other case: the same organisation (by slug) and project.
        var refused = await Assert.ThrowsAsync<AwardsRuleException>(() =>
            Awards.AddEntryAsync(categoryId, version, Entry("leeds city council", AwardResult.Shortlisted, "we care academy"), Admin));

        Assert.Contains("already entered", refused.Message, StringComparison.Ordinal);
        version = await Awards.AddEntryAsync(categoryId, version, Entry("Leeds City Council", AwardResult.Shortlisted, "Another team"), Admin);
        Assert.Equal(2, (await Awards.YearAsync(yearId))!.Categories.Single().Entries.Count);
    }

    [Fact]
    public async Task An_entry_for_an_existing_organisation_reuses_it_rather_than_adding_a_copy()
    {
        var (yearId, version) = await NewYearAsync();
        version = await Awards.AddCategoryAsync(yearId, version, "Care at home", false, Admin);
        var categoryId = (await Awards.YearAsync(yearId))!.Categories.Single().Id;
        var leeds = Assert.Single(await Awards.FindOrganisationsAsync("leeds city"));

        await Awards.AddEntryAsync(categoryId, version, Entry("Leeds City Council", AwardResult.Shortlisted), Admin);

        Assert.Equal(leeds.Id, (await Awards.YearAsync(yearId))!.Categories.Single().Entries.Single().OrganisationId);
        Assert.Single(await Awards.FindOrganisationsAsync("leeds city"));
    }

    [Fact]
    public async Task A_year_has_only_one_top_award()
    {
        var (yearId, version) = await NewYearAsync();
        version = await Awards.AddCategoryAsync(yearId, version, "Winner of Winners", false, Admin);
        version = await Awards.AddCategoryAsync(yearId, version, "Best employer", false, Admin);
        var categories = (await Awards.YearAsync(yearId))!.Categories;
        version = await Awards.SetTopAwardAsync(categories[0].Id, version, true, Admin);

        var refused = await Assert.ThrowsAsync<AwardsRuleException>(() => Awards.SetTopAwardAsync(categories[1].Id, version, true, Admin));

        Assert.Contains("\u201cWinner of Winners\u201d is already the top award", refused.Message, StringComparison.Ordinal);
        Assert.Equal([true, false], (await Awards.YearAsync(yearId))!.Categories.Select(c => c.IsTopAward));
    }

    [Fact]
    public async Task Categories_are_renamed_and_move_up_and_down_but_names_stay_unique()
    {
        var (yearId, version) = await NewYearAsync();
        foreach (var name in new[] { "A", "B", "C" })
        {
            version = await Awards.AddCategoryAsync(yearId, version, name, false, Admin);
        }

        var ids = (await Awards.YearAsync(yearId))!.Categories.Select(c => c.Id).ToList();
        version = await Awards.MoveCategoryAsync(ids[2], version, -1, Admin);
        Assert.Equal(["A", "C", "B"], (await Awards.YearAsync(yearId))!.Categories.Select(c => c.Name));
        version = await Awards.MoveCategoryAsync(ids[0], version, +1, Admin);
        Assert.Equal(["C", "A", "B"], (await Awards.YearAsync(yearId))!.Categories.Select(c => c.Name));
        var first = await Assert.ThrowsAsync<AwardsRuleException>(() => Awards.MoveCategoryAsync(ids[2], version, -1, Admin));
        Assert.Contains("already first", first.Message, StringComparison.Ordinal);

        version = await Awards.RenameCategoryAsync(ids[0], version, "Best newcomer", Admin);
        var clash = await Assert.ThrowsAsync<AwardsRuleException>(() => Awards.RenameCategoryAsync(ids[1], version, "best newcomer", Admin));
        Assert.Contains("already has a category", clash.Message, StringComparison.Ordinal);
        Assert.Equal(["C", "Best newcomer", "B"], (await Awards.YearAsync(yearId))!.Categories.Select(c => c.Name));
    }

    [Fact]
    public async Task A_save_from_a_stale_screen_is_refused_and_changes_nothing()
    {
        var (yearId, staleVersion) = await NewYearAsync();
        await Awards.AddCategoryAsync(yearId, staleVersion, "Written by the first admin", false, Admin);
        var auditCount = (await AuditAsync()).Count;

        var refused = await Assert.ThrowsAsync<AwardsConflictException>(() => Awards.AddCategoryAsync(yearId, staleVersion, "Written by the second", false, Admin));

        Assert.Contains("Someone else changed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["Written by the first admin"], (await Awards.YearAsync(yearId))!.Categories.Select(c => c.Name));
        Assert.Equal(auditCount, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task Publishing_shows_the_year_to_readers_at_once_and_unpublishing_hides_it()
    {
        var client = portal.CreateClient();
        var (yearId, version) = await NewYearAsync(2019);
        version = await Awards.AddCategoryAsync(yearId, version, "Recruitment and retention", false, Admin);
        var categoryId = (await Awards.YearAsync(yearId))!.Categories.Single().Id;
        version = await Awards.AddEntryAsync(categoryId, version, Entry("Published Year Care Ltd", AwardResult.Winner, "Night team"), Admin);
        Assert.DoesNotContain("Published Year Care Ltd", await client.GetStringAsync(new Uri("/awards", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/awards/2019", UriKind.Relative))).StatusCode);

        version = await Awards.PublishYearAsync(yearId, version, Admin);

        // /awards was cached a moment ago: seeing the new year proves the cache was cleared.
        Assert.Contains("Published Year Care Ltd", await client.GetStringAsync(new Uri("/awards", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Night team", await client.GetStringAsync(new Uri("/awards/2019", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(), a => a.Action == "award-year.published" && a.ItemId == yearId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var organisation = await client.GetDocumentAsync("/organisations/published-year-care-ltd");
        Assert.EndsWith("winner 2019 \u2013 Recruitment and retention, Night team", organisation.QuerySelector(".award-list li")?.TextContent, StringComparison.Ordinal);

        await Awards.UnpublishYearAsync(yearId, version, Admin);
        Assert.DoesNotContain("Published Year Care Ltd", await client.GetStringAsync(new Uri("/awards", UriKind.Relative)), StringComparison.Ordinal);
        // Known only from the year's results, the organisation has nothing left to show readers.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/organisations/published-year-care-ltd", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/awards/2019", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Every_kind_of_change_leaves_its_audit_entry()
    {
        var (yearId, version) = await NewYearAsync();
        version = await Awards.AddCategoryAsync(yearId, version, "Audited", false, Admin);
        var categoryId = (await Awards.YearAsync(yearId))!.Categories.Single().Id;
        version = await Awards.AddEntryAsync(categoryId, version, Entry("Audit Care", AwardResult.Shortlisted), Admin);
        var entryId = (await Awards.YearAsync(yearId))!.Categories.Single().Entries.Single().Id;
        version = await Awards.UpdateEntryAsync(entryId, version, Entry("Audit Care", AwardResult.HighlyCommended) with { Citation = "Fine work" }, Admin);
        version = await Awards.RemoveEntryAsync(entryId, version, Admin);
        version = await Awards.UpdateYearAsync(yearId, version, new DateOnly(2018, 3, 1), "Leeds", Admin);
        await Awards.RemoveCategoryAsync(categoryId, version, Admin);

        var actions = (await AuditAsync()).Select(a => (a.Action, a.ItemType)).ToList();
        Assert.Contains(("award-category.added", "AwardCategory"), actions);
        Assert.Contains(("award-entry.added", "AwardEntry"), actions);
        Assert.Contains(("award-entry.updated", "AwardEntry"), actions);
        Assert.Contains(("award-entry.removed", "AwardEntry"), actions);
        Assert.Contains(("award-year.updated", "AwardYear"), actions);
        Assert.Contains(("award-category.removed", "AwardCategory"), actions);
        Assert.Empty((await Awards.YearAsync(yearId))!.Categories);
    }

    [Fact]
    public async Task An_entry_needs_an_organisation()
    {
        var (yearId, version) = await NewYearAsync();
        version = await Awards.AddCategoryAsync(yearId, version, "Nameless", false, Admin);
        var categoryId = (await Awards.YearAsync(yearId))!.Categories.Single().Id;

        var refused = await Assert.ThrowsAsync<AwardsRuleException>(() => Awards.AddEntryAsync(categoryId, version, Entry(" ", AwardResult.Shortlisted), Admin));

        Assert.Contains("needs an organisation", refused.Message, StringComparison.Ordinal);
    }

    internal static EntryInput Entry(string organisation, AwardResult result, string? project = null) =>
        new(null, organisation, project, result, null, null, null, null);

    private async Task<int> NewProgrammeAsync() => await Awards.AddProgrammeAsync($"Test awards {Guid.NewGuid():N}", Admin);

    private async Task<(int YearId, Guid Version)> NewYearAsync(int year = 2018)
    {
        var yearId = await Awards.AddYearAsync(await NewProgrammeAsync(), year, null, null, Admin);
        return (yearId, (await Awards.YearAsync(yearId))!.Version);
    }

    private async Task<ProgrammeSummary> ProgrammeAsync(int id) => (await Awards.ProgrammesAsync()).Single(p => p.Id == id);

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().ToListAsync();
    }
}
