using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.CaseStudies;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import.Curation;

/// <summary>
/// Adds the case studies and Accolades results the curation records, linked to the stories they come from.
/// It only adds what is missing, in one transaction, so it is safe to run after every import and never
/// overwrites what an admin has since changed.
/// </summary>
public sealed class ContentCurator(IDbContextFactory<StoriesDbContext> contextFactory, ILogger<ContentCurator> logger)
{
    public async Task<IReadOnlyList<ImportProblem>> ApplyAsync(CurationFile curation, CancellationToken cancellationToken = default)
    {
        var problems = new List<ImportProblem>();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var resolver = new ContentResolver(db);

        foreach (var entry in curation.CaseStudies)
        {
            if (await StoryQuotingAsync(db, entry.Story, entry.Quote, problems, cancellationToken) is not { } story)
            {
                continue;
            }

            var slug = Slugs.From(entry.Title);
            if (await db.CaseStudies.AnyAsync(c => c.Slug == slug, cancellationToken) || db.CaseStudies.Local.Any(c => c.Slug == slug))
            {
                continue;
            }

            var caseStudy = new CaseStudy
            {
                Title = entry.Title,
                Slug = slug,
                Story = story,
                Partners = entry.Partners,
                Place = entry.Place,
                WhatWasDone = entry.WhatWasDone,
                Outcomes = entry.Outcomes,
            };
            foreach (var organisation in entry.Organisations)
            {
                caseStudy.Organisations.Add(await resolver.OrganisationAsync(organisation, cancellationToken));
            }

            db.CaseStudies.Add(caseStudy);
        }

        foreach (var yearEntry in curation.Awards)
        {
            await AddAwardYearAsync(db, resolver, yearEntry, problems, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Curation applied with {Problems} problem(s)", problems.Count);
        return problems;
    }

    /// <summary>The title earlier curation files gave a category the source does not name.</summary>
    private const string FormerUnnamedCategoryPlaceholder = "Category not recorded in the source";

    private static async Task AddAwardYearAsync(StoriesDbContext db, ContentResolver resolver, AwardYearCuration entry, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        if (entry.Story is not null && await StoryQuotingAsync(db, entry.Story, entry.Quote ?? "", problems, cancellationToken) is null)
        {
            return;
        }

        var programmeSlug = Slugs.From(entry.Programme);
        var programme = await db.AwardProgrammes.SingleOrDefaultAsync(p => p.Slug == programmeSlug, cancellationToken)
            ?? db.AwardProgrammes.Local.SingleOrDefault(p => p.Slug == programmeSlug)
            ?? db.AwardProgrammes.Add(new AwardProgramme { Name = entry.Programme, Slug = programmeSlug }).Entity;

        var year = programme.Id == 0
            ? null
            : await db.AwardYears.Include(y => y.Categories).ThenInclude(c => c.Entries)
                .SingleOrDefaultAsync(y => y.ProgrammeId == programme.Id && y.Year == entry.Year, cancellationToken);
        if (year is null)
        {
            year = new AwardYear { Programme = programme, Year = entry.Year, CeremonyDate = entry.CeremonyDate, Venue = entry.Venue, IsPublished = entry.Published };
            db.AwardYears.Add(year);
        }

        foreach (var categoryEntry in entry.Categories)
        {
            // An unnamed category is stored with an empty name, which readers show as results without a heading.
            var name = categoryEntry.Name?.Trim() ?? "";
            var category = year.Categories.SingleOrDefault(c => c.Name == name)
                ?? (name.Length == 0 ? year.Categories.SingleOrDefault(c => c.Name == FormerUnnamedCategoryPlaceholder) : null);
            if (category is null)
            {
                category = new AwardCategory { Name = name, IsTopAward = categoryEntry.IsTopAward, SortOrder = year.Categories.Count };
                year.Categories.Add(category);
            }
            else if (category.Name != name)
            {
                // Stores curated before unnamed categories existed hold this invented title, which readers saw as a heading.
                category.Name = name;
            }

            foreach (var entryCuration in categoryEntry.Entries)
            {
                if (await StoryQuotingAsync(db, entryCuration.Story, entryCuration.Quote, problems, cancellationToken) is not { } story)
                {
                    continue;
                }

                var organisation = await resolver.OrganisationAsync(entryCuration.Organisation, cancellationToken);
                if (category.Entries.Any(e => e.Organisation == organisation && e.ProjectName == entryCuration.Project))
                {
                    continue;
                }

                var caseStudySlug = entryCuration.CaseStudy is null ? null : Slugs.From(entryCuration.CaseStudy);
                category.Entries.Add(new AwardEntry
                {
                    Organisation = organisation,
                    ProjectName = entryCuration.Project,
                    Result = entryCuration.Result,
                    Citation = entryCuration.Citation,
                    Story = story,
                    CaseStudy = caseStudySlug is null
                        ? null
                        : db.CaseStudies.Local.SingleOrDefault(c => c.Slug == caseStudySlug)
                          ?? await db.CaseStudies.SingleOrDefaultAsync(c => c.Slug == caseStudySlug, cancellationToken),
                });
            }
        }
    }

    private static async Task<Story?> StoryQuotingAsync(StoriesDbContext db, string importKey, string quote, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var story = await db.Stories.Include(s => s.Comments).SingleOrDefaultAsync(s => s.ImportKey == importKey, cancellationToken);
        if (story is null)
        {
            problems.Add(new ImportProblem(CurationFile.FileName, $"Names the story \"{importKey}\", which is not in the store."));
            return null;
        }

        var imported = new ImportedStory
        {
            SourceFile = story.SourceFile ?? "",
            Position = 0,
            Title = story.Title,
            Summary = story.Summary,
            BodyMarkdown = story.BodyMarkdown,
            SourcePublication = story.SourcePublication,
            SourceUrl = story.SourceUrl,
            Comments = story.Comments.Select(c => new ImportedComment(c.AuthorName, c.Body)).ToList(),
        };
        if (!Quotes.Holds(imported, quote))
        {
            problems.Add(new ImportProblem(CurationFile.FileName, $"The story \"{importKey}\" does not say \"{quote}\"; the fact resting on it was not added."));
            return null;
        }

        return story;
    }
}
