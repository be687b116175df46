using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Awards.Admin;

/// <summary>A change the awards rules refuse; the message is written for the admin who tried it.</summary>
public class AwardsRuleException(string message) : Exception(message);

/// <summary>Someone else changed the year since this admin loaded it; nothing was saved.</summary>
public sealed class AwardsConflictException(string message) : AwardsRuleException(message);

public sealed record ProgrammeSummary(int Id, string Name, IReadOnlyList<YearSummary> Years);

public sealed record YearSummary(int Id, int Year, bool IsPublished, DateOnly? CeremonyDate, string? Venue, int EntryCount);

public sealed record YearDetail(
    int Id, string Programme, int Year, DateOnly? CeremonyDate, string? Venue, bool IsPublished, Guid Version, IReadOnlyList<CategoryDetail> Categories)
{
    public string Title => $"{Programme} {Year}";
}

public sealed record CategoryDetail(int Id, string Name, bool IsTopAward, bool AllowsJointWinners, IReadOnlyList<EntryDetail> Entries)
{
    /// <summary>What staff see: a category the source never named (an empty name) still needs a label on these screens.</summary>
    public string DisplayName => AwardCategoryNames.ForReaders(Name) ?? "Unnamed category";
}

public sealed record EntryDetail(
    int Id, int OrganisationId, string Organisation, string? Project, AwardResult Result, string? Citation, string? PhotoCaption,
    int? StoryId, string? StoryTitle, int? CaseStudyId, string? CaseStudyTitle)
{
    public string Label => Project is null ? Organisation : $"{Organisation}, {Project}";
}

/// <summary>
/// Something an entry can link to or name: an organisation, a story, a case study. The pickers are for awards admins,
/// who may link a story before it is published: <see cref="Status"/> then says so in the <see cref="Label"/>.
/// </summary>
public sealed record PickOption(int Id, string Title, string? Status = null)
{
    public string Label => Status is null ? Title : $"{Title} ({Status})";

    public override string ToString() => Label;
}

/// <summary>
/// What an admin typed for an entry. The organisation is either picked (<see cref="OrganisationId"/>)
/// or new (<see cref="NewOrganisation"/>, found by slug first so retyping an existing name reuses it).
/// </summary>
public sealed record EntryInput(
    int? OrganisationId, string? NewOrganisation, string? Project, AwardResult Result, string? Citation, string? PhotoCaption,
    int? StoryId, int? CaseStudyId);

/// <summary>
/// Everything awards admins change. Every change of a year's contents (its categories and entries too)
/// checks and renews the year's Version, so two admins announcing the same year on the night never
/// overwrite each other silently: the second save is refused and asks for a reload. Each change writes
/// its audit entry in the same SaveChanges, and clears the public cache when the year is published.
/// </summary>
public sealed class AwardsAdministration(IDbContextFactory<StoriesDbContext> contextFactory, AuditLog audit, ContentCache cache, TimeProvider clock)
{
    public const int EarliestYear = 1990;

    /// <summary>Latest award year accepted: ceremonies are planned ahead, but not beyond two years.</summary>
    public int LatestYear => clock.GetUtcNow().Year + 2;

    public async Task<IReadOnlyList<ProgrammeSummary>> ProgrammesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var programmes = await db.AwardProgrammes.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new
            {
                p.Id,
                p.Name,
                Years = p.Years.Select(y => new YearSummary(y.Id, y.Year, y.IsPublished, y.CeremonyDate, y.Venue, y.Categories.SelectMany(c => c.Entries).Count())).ToList(),
            })
            .ToListAsync(cancellationToken);
        return programmes.Select(p => new ProgrammeSummary(p.Id, p.Name, p.Years.OrderByDescending(y => y.Year).ToList())).ToList();
    }

    public async Task<YearDetail?> YearAsync(int yearId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var year = await LoadYearAsync(db, yearId, cancellationToken);
        if (year is null)
        {
            return null;
        }

        return new YearDetail(year.Id, year.Programme.Name, year.Year, year.CeremonyDate, year.Venue, year.IsPublished, year.Version,
            Ordered(year).Select(c => new CategoryDetail(c.Id, c.Name, c.IsTopAward, c.AllowsJointWinners,
                // By name, not by result: on the night a row must not jump away from the admin who just set it.
                c.Entries.OrderBy(e => e.Organisation.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.ProjectName, StringComparer.OrdinalIgnoreCase)
                    .Select(e => new EntryDetail(e.Id, e.OrganisationId, e.Organisation.Name, e.ProjectName, e.Result, e.Citation, e.PhotoCaption,
                        e.StoryId, Labelled(e.Story?.Title, e.Story?.Status), e.CaseStudyId, Labelled(e.CaseStudy?.Title, e.CaseStudy?.Story.Status)))
                    .ToList()))
                .ToList());
    }

    private static string? Labelled(string? title, StoryStatus? status) =>
        title is null || status is null ? title : new PickOption(0, title, StoryVisibility.StaffLabel(status.Value)).Label;

    public async Task<IReadOnlyList<PickOption>> FindOrganisationsAsync(string? text, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pattern = LikePattern(text);
        return await db.Organisations.AsNoTracking().WhereLike(db, o => o.Name, pattern)
            .OrderBy(o => o.Name).Take(PickLimit).Select(o => new PickOption(o.Id, o.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PickOption>> FindStoriesAsync(string? text, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pattern = LikePattern(text);
        return await db.Stories.AsNoTracking().WhereLike(db, s => s.Title, pattern)
            .OrderBy(s => s.Title).Take(PickLimit).Select(s => new { s.Id, s.Title, s.Status }).AsAsyncEnumerable()
            .Select(s => new PickOption(s.Id, s.Title, StoryVisibility.StaffLabel(s.Status))).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PickOption>> FindCaseStudiesAsync(string? text, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pattern = LikePattern(text);
        return await db.CaseStudies.AsNoTracking().WhereLike(db, c => c.Title, pattern)
            .OrderBy(c => c.Title).Take(PickLimit).Select(c => new { c.Id, c.Title, c.Story.Status }).AsAsyncEnumerable()
            .Select(c => new PickOption(c.Id, c.Title, StoryVisibility.StaffLabel(c.Status))).ToListAsync(cancellationToken);
    }

    public async Task<int> AddProgrammeAsync(string name, Actor actor, CancellationToken cancellationToken = default)
    {
        var trimmed = Required(name, "The programme needs a name.", 200);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var slug = Slugs.From(trimmed);
        if (await db.AwardProgrammes.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            throw new AwardsRuleException($"There is already a programme called \u201c{trimmed}\u201d.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var programme = db.AwardProgrammes.Add(new AwardProgramme { Name = trimmed, Slug = slug }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, "award-programme.added", nameof(AwardProgramme), programme.Id, trimmed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return programme.Id;
    }

    public async Task<int> AddYearAsync(int programmeId, int year, DateOnly? ceremonyDate, string? venue, Actor actor, CancellationToken cancellationToken = default)
    {
        CheckDates(year, ceremonyDate);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var programme = await db.AwardProgrammes.SingleOrDefaultAsync(p => p.Id == programmeId, cancellationToken)
            ?? throw new AwardsRuleException("That programme no longer exists.");
        if (await db.AwardYears.AnyAsync(y => y.ProgrammeId == programmeId && y.Year == year, cancellationToken))
        {
            throw new AwardsRuleException($"{programme.Name} {year} already exists.");
        }

        // The audit entry names the year by its id, which only the insert gives: one transaction, two saves.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = db.AwardYears.Add(new AwardYear { ProgrammeId = programmeId, Year = year, CeremonyDate = ceremonyDate, Venue = Optional(venue, 300) }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, "award-year.added", nameof(AwardYear), added.Id, $"{programme.Name} {year}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added.Id;
    }

    public Task<Guid> UpdateYearAsync(int yearId, Guid version, DateOnly? ceremonyDate, string? venue, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeYearAsync(yearId, version, actor, "award-year.updated", (_, year) =>
        {
            CheckDates(year.Year, ceremonyDate);
            year.CeremonyDate = ceremonyDate;
            year.Venue = Optional(venue, 300);
            return $"{year.Programme.Name} {year.Year}";
        }, cancellationToken);

    public Task<Guid> PublishYearAsync(int yearId, Guid version, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeYearAsync(yearId, version, actor, "award-year.published", (_, year) =>
        {
            year.IsPublished = true;
            return $"{year.Programme.Name} {year.Year}";
        }, cancellationToken);

    public Task<Guid> UnpublishYearAsync(int yearId, Guid version, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeYearAsync(yearId, version, actor, "award-year.unpublished", (_, year) =>
        {
            year.IsPublished = false;
            return $"{year.Programme.Name} {year.Year}";
        }, cancellationToken);

    public Task<Guid> AddCategoryAsync(int yearId, Guid version, string name, bool allowsJointWinners, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeYearAsync(yearId, version, actor, "award-category.added", (_, year) =>
        {
            var category = AddCategory(year, name);
            category.AllowsJointWinners = allowsJointWinners;
            return category.Name;
        }, cancellationToken);

    public Task<Guid> RenameCategoryAsync(int categoryId, Guid version, string name, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCategoryAsync(categoryId, version, actor, "award-category.renamed", (year, category) =>
        {
            var trimmed = Required(name, "The category needs a name.", 300);
            CheckCategoryNameFree(year, trimmed, category);
            var summary = $"\u201c{category.Name}\u201d renamed \u201c{trimmed}\u201d";
            category.Name = trimmed;
            return summary;
        }, cancellationToken);

    /// <summary>Moves a category one place up (-1) or down (+1) in the year's reading order.</summary>
    public Task<Guid> MoveCategoryAsync(int categoryId, Guid version, int direction, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCategoryAsync(categoryId, version, actor, "award-category.moved", (year, category) =>
        {
            var ordered = Ordered(year).ToList();
            var index = ordered.IndexOf(category);
            var target = index + Math.Sign(direction);
            if (target < 0 || target >= ordered.Count)
            {
                throw new AwardsRuleException($"\u201c{category.Name}\u201d is already {(direction < 0 ? "first" : "last")}.");
            }

            (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].SortOrder = i + 1;
            }

            return $"\u201c{category.Name}\u201d moved {(direction < 0 ? "up" : "down")}";
        }, cancellationToken);

    public Task<Guid> SetTopAwardAsync(int categoryId, Guid version, bool isTopAward, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCategoryAsync(categoryId, version, actor, isTopAward ? "award-category.top-award-set" : "award-category.top-award-cleared", (year, category) =>
        {
            if (isTopAward && year.Categories.FirstOrDefault(c => c.IsTopAward && c != category) is { } current)
            {
                throw new AwardsRuleException($"\u201c{current.Name}\u201d is already the top award of {year.Year}; a year has only one. Unmark it first.");
            }

            category.IsTopAward = isTopAward;
            return category.Name;
        }, cancellationToken);

    public Task<Guid> SetJointWinnersAsync(int categoryId, Guid version, bool allowsJointWinners, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCategoryAsync(categoryId, version, actor, allowsJointWinners ? "award-category.joint-winners-allowed" : "award-category.joint-winners-refused", (_, category) =>
        {
            category.AllowsJointWinners = allowsJointWinners;
            CheckWinners(category);
            return category.Name;
        }, cancellationToken);

    public Task<Guid> RemoveCategoryAsync(int categoryId, Guid version, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCategoryAsync(categoryId, version, actor, "award-category.removed", (year, category) =>
        {
            year.Categories.Remove(category);
            return $"{category.Name} ({category.Entries.Count} entries)";
        }, cancellationToken);

    public Task<Guid> AddEntryAsync(int categoryId, Guid version, EntryInput input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCategoryAsync(categoryId, version, actor, "award-entry.added", async (db, year, category) =>
        {
            var entry = new AwardEntry { Category = category, Organisation = null! };
            await ApplyAsync(db, entry, input, cancellationToken);
            category.Entries.Add(entry);
            CheckEntry(category, entry);
            return $"{category.Name}: {Describe(entry)}";
        }, cancellationToken);

    public Task<Guid> UpdateEntryAsync(int entryId, Guid version, EntryInput input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeEntryAsync(entryId, version, actor, "award-entry.updated", async (db, category, entry) =>
        {
            await ApplyAsync(db, entry, input, cancellationToken);
            CheckEntry(category, entry);
            return $"{category.Name}: {Describe(entry)}";
        }, cancellationToken);

    /// <summary>The quick change of the announcement screen: only the result.</summary>
    public Task<Guid> SetResultAsync(int entryId, Guid version, AwardResult result, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeEntryAsync(entryId, version, actor, "award-entry.result-set", (_, category, entry) =>
        {
            entry.Result = result;
            CheckEntry(category, entry);
            return Task.FromResult($"{category.Name}: {Describe(entry)} \u2013 {AwardResults.Label(result)}");
        }, cancellationToken);

    public Task<Guid> RemoveEntryAsync(int entryId, Guid version, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeEntryAsync(entryId, version, actor, "award-entry.removed", (_, category, entry) =>
        {
            category.Entries.Remove(entry);
            return Task.FromResult($"{category.Name}: {Describe(entry)}");
        }, cancellationToken);

    /// <summary>The year's results as the ceremony team's spreadsheet, categories in reading order; null when there is no such year.</summary>
    public async Task<(string FileName, string Csv)?> ExportAsync(int yearId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var year = await LoadYearAsync(db, yearId, cancellationToken);
        return year is null ? null : ($"{year.Programme.Slug}-{year.Year}-results.csv", AwardResultsCsv.Write(year));
    }

    /// <summary>What an import would do, row by row, and every problem found; nothing is written.</summary>
    public async Task<CsvImportPlan> PreviewImportAsync(int yearId, string csv, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var year = await LoadYearAsync(db, yearId, cancellationToken)
            ?? throw new AwardsConflictException("That year no longer exists; reload the page.");
        return await AwardResultsCsv.PlanAsync(db, year, csv, cancellationToken);
    }

    private static Task<AwardYear?> LoadYearAsync(StoriesDbContext db, int yearId, CancellationToken cancellationToken) =>
        db.AwardYears.AsNoTracking().Include(y => y.Programme)
            .Include(y => y.Categories).ThenInclude(c => c.Entries).ThenInclude(e => e.Organisation)
            .Include(y => y.Categories).ThenInclude(c => c.Entries).ThenInclude(e => e.Story)
            .Include(y => y.Categories).ThenInclude(c => c.Entries).ThenInclude(e => e.CaseStudy).ThenInclude(c => c!.Story)
            .AsSplitQuery()
            .SingleOrDefaultAsync(y => y.Id == yearId, cancellationToken);

    /// <summary>Writes a validated CSV import: every row or none, in one SaveChanges, with one audit entry per entry.</summary>
    public Task<Guid> ImportAsync(int yearId, Guid version, string csv, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeYearAsync(yearId, version, actor, "award-year.imported", async (db, year) =>
        {
            var plan = await AwardResultsCsv.PlanAsync(db, year, csv, cancellationToken);
            if (plan.Errors.Count > 0)
            {
                throw new AwardsCsvException(plan);
            }

            var content = new ContentResolver(db);
            foreach (var row in plan.Rows)
            {
                var category = year.Categories.SingleOrDefault(c => string.Equals(c.Name, row.Category, StringComparison.OrdinalIgnoreCase))
                    ?? (row.Category.Length == 0 ? AddCategoryNamed(year, "") : AddCategory(year, row.Category));
                category.IsTopAward = row.TopAward;
                category.AllowsJointWinners = row.JointWinners;
                var organisation = await content.OrganisationAsync(row.Organisation, cancellationToken);

                var entry = category.Entries.SingleOrDefault(e => SameEntry(e.Organisation, e.ProjectName, organisation, row.Project));
                if (entry is null)
                {
                    entry = new AwardEntry { Category = category, Organisation = organisation, ProjectName = row.Project };
                    category.Entries.Add(entry);
                }

                entry.Result = row.Result;
                entry.Citation = row.Citation;
                entry.PhotoCaption = row.PhotoCaption;
                entry.StoryId = row.StoryId;
                entry.CaseStudyId = row.CaseStudyId;
            }

            return $"{year.Programme.Name} {year.Year}: {plan.Rows.Count} rows ({plan.Rows.Count(r => r.IsNew)} new entries)";
        }, cancellationToken);

    private Task<Guid> ChangeYearAsync(int yearId, Guid version, Actor actor, string action, Func<StoriesDbContext, AwardYear, string> change, CancellationToken cancellationToken) =>
        ChangeYearAsync(yearId, version, actor, action, (db, year) => Task.FromResult(change(db, year)), cancellationToken);

    private Task<Guid> ChangeCategoryAsync(int categoryId, Guid version, Actor actor, string action, Func<AwardYear, AwardCategory, string> change, CancellationToken cancellationToken) =>
        ChangeCategoryAsync(categoryId, version, actor, action, (_, year, category) => Task.FromResult(change(year, category)), cancellationToken);

    private async Task<Guid> ChangeCategoryAsync(
        int categoryId, Guid version, Actor actor, string action, Func<StoriesDbContext, AwardYear, AwardCategory, Task<string>> change, CancellationToken cancellationToken)
    {
        var yearId = await YearIdAsync(db => db.AwardCategories.Where(c => c.Id == categoryId).Select(c => (int?)c.YearId), "That category no longer exists.", cancellationToken);
        return await ChangeYearAsync(yearId, version, actor, action, (db, year) => change(db, year, year.Categories.Single(c => c.Id == categoryId)), cancellationToken, itemType: nameof(AwardCategory), itemId: categoryId);
    }

    private async Task<Guid> ChangeEntryAsync(
        int entryId, Guid version, Actor actor, string action, Func<StoriesDbContext, AwardCategory, AwardEntry, Task<string>> change, CancellationToken cancellationToken)
    {
        var yearId = await YearIdAsync(db => db.AwardEntries.Where(e => e.Id == entryId).Select(e => (int?)e.Category.YearId), "That entry no longer exists.", cancellationToken);
        return await ChangeYearAsync(yearId, version, actor, action, (db, year) =>
        {
            var category = year.Categories.Single(c => c.Entries.Any(e => e.Id == entryId));
            return change(db, category, category.Entries.Single(e => e.Id == entryId));
        }, cancellationToken, itemType: nameof(AwardEntry), itemId: entryId);
    }

    private async Task<int> YearIdAsync(Func<StoriesDbContext, IQueryable<int?>> query, string missing, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await query(db).SingleOrDefaultAsync(cancellationToken) ?? throw new AwardsConflictException($"{missing} Someone may have removed it; reload the page.");
    }

    /// <summary>
    /// Loads the whole year (it is small: tens of entries), applies the change, checks the Version the admin
    /// saw and renews it, and commits the change with its audit entry in one transaction: one SaveChanges,
    /// or two when the audit entry must name the id a new category or entry only gets on insert.
    /// </summary>
    private async Task<Guid> ChangeYearAsync(
        int yearId, Guid version, Actor actor, string action, Func<StoriesDbContext, AwardYear, Task<string>> change, CancellationToken cancellationToken,
        string itemType = nameof(AwardYear), int? itemId = null)
    {
        // A unique key another writer took a moment ago (the same new organisation added for another year, say) is
        // found on the next attempt; a real duplicate within this year is then caught by the rules.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ChangeYearOnceAsync(yearId, version, actor, action, change, itemType, itemId, cancellationToken);
            }
            catch (DbUpdateException exception) when (StoreErrors.IsUniqueViolation(exception))
            {
                if (attempt == 3)
                {
                    throw new AwardsRuleException("That would record the same thing twice (a category name or an entry already in this year). Reload the page to see the latest.");
                }
            }
        }
    }

    private async Task<Guid> ChangeYearOnceAsync(
        int yearId, Guid version, Actor actor, string action, Func<StoriesDbContext, AwardYear, Task<string>> change,
        string itemType, int? itemId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var year = await db.AwardYears.Include(y => y.Programme)
            .Include(y => y.Categories).ThenInclude(c => c.Entries).ThenInclude(e => e.Organisation)
            .AsSplitQuery()
            .SingleOrDefaultAsync(y => y.Id == yearId, cancellationToken)
            ?? throw new AwardsConflictException("That year no longer exists; reload the page.");
        var wasPublished = year.IsPublished;
        if (year.Version != version)
        {
            throw Stale(year);
        }

        var linkedBefore = LinkedStoryIds(year);
        var summary = await change(db, year);

        // The year row is always updated, even when only an entry changed: that renews its Version, and the
        // UPDATE's WHERE on the old Version is what catches an admin who saved in between.
        db.Entry(year).Property(y => y.Version).OriginalValue = version;
        db.Entry(year).Property(y => y.Version).IsModified = true;
        // A new category or entry has no id until it is inserted, so its audit entry follows it in the same transaction.
        var added = action.EndsWith(".added", StringComparison.Ordinal)
            ? db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is AwardCategory or AwardEntry).Select(e => e.Entity).SingleOrDefault()
            : null;
        if (added is null)
        {
            audit.Record(db, actor, action, itemType, itemId ?? yearId, summary);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (added is not null)
            {
                audit.Record(db, actor, action, added.GetType().Name, added is AwardCategory category ? category.Id : ((AwardEntry)added).Id, summary);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale(year);
        }

        if (wasPublished || year.IsPublished)
        {
            await cache.AwardsChangedAsync([.. linkedBefore, .. LinkedStoryIds(year)], cancellationToken);
        }

        return year.Version;
    }

    /// <summary>The stories this year's entries link to: their pages show the results.</summary>
    private static List<int> LinkedStoryIds(AwardYear year) =>
        year.Categories.SelectMany(c => c.Entries).Select(e => e.StoryId).OfType<int>().ToList();

    private static AwardsConflictException Stale(AwardYear year) =>
        new($"Someone else changed {year.Programme.Name} {year.Year} since you opened it, so nothing was saved. Reload the page to see their change, then try again.");

    private static AwardCategory AddCategory(AwardYear year, string name)
    {
        var trimmed = Required(name, "The category needs a name.", 300);
        CheckCategoryNameFree(year, trimmed, null);
        return AddCategoryNamed(year, trimmed);
    }

    /// <summary>Adds a category without checking its name: an empty one is the category a source never named (<see cref="AwardResultsCsv.UnnamedCategory"/>).</summary>
    private static AwardCategory AddCategoryNamed(AwardYear year, string name)
    {
        var category = new AwardCategory { Name = name, SortOrder = year.Categories.Count == 0 ? 1 : year.Categories.Max(c => c.SortOrder) + 1 };
        year.Categories.Add(category);
        return category;
    }

    private static void CheckCategoryNameFree(AwardYear year, string name, AwardCategory? except)
    {
        if (year.Categories.Any(c => c != except && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new AwardsRuleException($"{year.Year} already has a category called \u201c{name}\u201d.");
        }
    }

    private static async Task ApplyAsync(StoriesDbContext db, AwardEntry entry, EntryInput input, CancellationToken cancellationToken)
    {
        if (input.OrganisationId is { } organisationId)
        {
            entry.Organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
                ?? throw new AwardsRuleException("The organisation picked no longer exists.");
        }
        else if (input.NewOrganisation is { } name && !string.IsNullOrWhiteSpace(name))
        {
            var trimmed = Required(name, "The entry needs an organisation.", 200);
            if (Slugs.From(trimmed).Length == 0)
            {
                throw new AwardsRuleException("The organisation's name needs letters or digits.");
            }

            entry.Organisation = await new ContentResolver(db).OrganisationAsync(trimmed, cancellationToken);
        }
        else
        {
            throw new AwardsRuleException("The entry needs an organisation: pick one or type the name of a new one.");
        }

        if (input.StoryId is { } storyId && !await db.Stories.AnyAsync(s => s.Id == storyId, cancellationToken))
        {
            throw new AwardsRuleException("The story picked no longer exists.");
        }

        if (input.CaseStudyId is { } caseStudyId && !await db.CaseStudies.AnyAsync(c => c.Id == caseStudyId, cancellationToken))
        {
            throw new AwardsRuleException("The case study picked no longer exists.");
        }

        entry.ProjectName = Optional(input.Project, 300);
        entry.Result = Enum.IsDefined(input.Result) ? input.Result : throw new AwardsRuleException("Choose a result.");
        entry.Citation = Optional(input.Citation, 2000);
        entry.PhotoCaption = Optional(input.PhotoCaption, 500);
        entry.StoryId = input.StoryId;
        entry.CaseStudyId = input.CaseStudyId;
    }

    private static void CheckEntry(AwardCategory category, AwardEntry entry)
    {
        if (category.Entries.FirstOrDefault(e => e != entry && SameEntry(e.Organisation, e.ProjectName, entry.Organisation, entry.ProjectName)) is { } twin)
        {
            throw new AwardsRuleException($"{Describe(twin)} is already entered in \u201c{category.Name}\u201d.");
        }

        CheckWinners(category);
    }

    private static void CheckWinners(AwardCategory category)
    {
        var winners = category.Entries.Where(e => e.Result == AwardResult.Winner).ToList();
        if (winners.Count > 1 && !category.AllowsJointWinners)
        {
            throw new AwardsRuleException(
                $"\u201c{category.Name}\u201d can have only one winner and would have {winners.Count} ({string.Join("; ", winners.Select(Describe))}). Allow joint winners for this category first, or change the other result.");
        }
    }

    internal static bool SameEntry(Organisation organisation, string? project, Organisation otherOrganisation, string? otherProject) =>
        (organisation == otherOrganisation || string.Equals(organisation.Slug, otherOrganisation.Slug, StringComparison.Ordinal))
        && string.Equals(project ?? "", otherProject ?? "", StringComparison.OrdinalIgnoreCase);

    private static string Describe(AwardEntry entry) => entry.ProjectName is null ? entry.Organisation.Name : $"{entry.Organisation.Name} ({entry.ProjectName})";

    internal static IEnumerable<AwardCategory> Ordered(AwardYear year) => year.Categories.OrderBy(c => c.SortOrder).ThenBy(c => c.Id);

    /// <summary>
    /// The date rule: an award year from 1990 (before the Accolades began) to two years ahead; the ceremony in
    /// the award year or the year either side, since a year's awards are often presented early the next spring.
    /// </summary>
    private void CheckDates(int year, DateOnly? ceremonyDate)
    {
        if (year < EarliestYear || year > LatestYear)
        {
            throw new AwardsRuleException($"The award year must be between {EarliestYear} and {LatestYear}.");
        }

        if (ceremonyDate is { } date && Math.Abs(date.Year - year) > 1)
        {
            throw new AwardsRuleException($"A {year} ceremony must be held between 1 January {year - 1} and 31 December {year + 1}.");
        }
    }

    private static string Required(string? text, string message, int maxLength) =>
        Optional(text, maxLength) ?? throw new AwardsRuleException(message);

    private static string? Optional(string? text, int maxLength)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (NulCharacters.In(trimmed))
        {
            var visible = NulCharacters.Without(trimmed);
            throw new AwardsRuleException(NulCharacters.Message($"\u201c{visible[..Math.Min(40, visible.Length)]}\u201d"));
        }

        return trimmed.Length <= maxLength ? trimmed : throw new AwardsRuleException($"\u201c{trimmed[..Math.Min(40, trimmed.Length)]}\u2026\u201d is too long: at most {maxLength} characters.");
    }

    private const int PickLimit = 20;

    private static string LikePattern(string? text) => TextMatching.ContainsPattern((text ?? "").Trim());
}
