using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>
/// The seeded portal plus one case-study story saved as a draft through the editor, with a tag, an author and an
/// organisation of its own that no published story has. Its case study also names Certitude and the story carries
/// the seeded "Fabulous Stuff" tag (a collection), so a count or list that forgets the story's status shows the draft there too.
/// Beside it: a story scheduled a month ahead and one published then unpublished, each with a tag, an author and an
/// organisation of its own and filed under a sector, so neither "scheduled" nor "unpublished" may count as public either.
/// The stories are written before the first request, so no page can have been cached without them.
/// </summary>
public sealed class DraftOnlyPortalFactory : PortalFactory
{
    public const string StoryTitle = "A draft nobody may see yet";
    public const string TagName = "Draft only topic";
    public const string TagSlug = "draft-only-topic";
    public const string AuthorName = "Dora Draftwriter";
    public const string AuthorSlug = "dora-draftwriter";
    public const string OrganisationName = "Hidden Draft Trust";
    public const string OrganisationSlug = "hidden-draft-trust";

    /// <summary>The draft story's slug, as the editor chose it.</summary>
    public string StorySlug { get; private set; } = "";

    /// <summary>The draft story's id.</summary>
    public int StoryId { get; private set; }

    /// <summary>The draft's case study's slug, as the editor chose it.</summary>
    public string CaseStudySlug { get; private set; } = "";

    public const string ScheduledTitle = "A scheduled story not yet due";
    public const string ScheduledTagName = "Scheduled only topic";
    public const string ScheduledAuthorName = "Sam Scheduler";
    public const string ScheduledOrganisationName = "Future Scheduled Trust";
    public const string UnpublishedTitle = "A withdrawn story readers saw once";
    public const string UnpublishedTagName = "Withdrawn only topic";
    public const string UnpublishedAuthorName = "Wendy Withdrawn";
    public const string UnpublishedOrganisationName = "Withdrawn Partners Trust";

    /// <summary>Every name and address of the draft that must never reach a public page.</summary>
    public IReadOnlyList<string> Secrets => [StoryTitle, TagName, TagSlug, AuthorName, AuthorSlug, OrganisationName, OrganisationSlug, StorySlug, CaseStudySlug];

    /// <summary>The names and addresses of every story readers may not see (the draft, the scheduled and the unpublished one).</summary>
    public IReadOnlyList<string> AllSecrets => [.. Secrets, .. HiddenSlugs,
        ScheduledTitle, ScheduledTagName, ScheduledAuthorName, ScheduledOrganisationName,
        UnpublishedTitle, UnpublishedTagName, UnpublishedAuthorName, UnpublishedOrganisationName];

    /// <summary>The slugs of the scheduled and the unpublished story, their case studies, tags, authors and organisations.</summary>
    public List<string> HiddenSlugs { get; } = [];

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        AddDraftAsync(host.Services).GetAwaiter().GetResult();
        return host;
    }

    private async Task AddDraftAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var form = new StoryForm
        {
            Title = StoryTitle,
            Kind = StoryKind.CaseStudy,
            Summary = "What a hidden trust did, not yet ready for readers.",
            Body = "The draft's body, which readers must not see until an editor publishes it.",
            Tags = [TagName, "Fabulous Stuff"],
            Authors = [AuthorName],
            CaseStudy = new CaseStudyDetails
            {
                Organisations = $"{OrganisationName}, Certitude",
                Place = "Somewhere private",
                WhatWasDone = "Something not yet ready for readers.",
            },
        };
        var result = await scope.ServiceProvider.GetRequiredService<StoryEditing>().SaveAsync(form, new Actor("user-test", "Test Editor"), StoryTransition.Save);
        Assert.Equal(EditOutcome.Saved, result.Outcome);
        Assert.Equal(StoryStatus.Draft, result.Status);

        await using var db = await services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        // The editor takes authors by name only; the draft's author works for the hidden trust too, so both of an
        // organisation's routes to a story (its people, its case studies) lead only to the draft.
        var organisationId = await db.Organisations.Where(o => o.Slug == OrganisationSlug).Select(o => o.Id).SingleAsync();
        await db.Authors.Where(a => a.Slug == AuthorSlug).ExecuteUpdateAsync(set => set.SetProperty(a => a.OrganisationId, organisationId));
        StoryId = result.StoryId;
        StorySlug = result.Slug;
        CaseStudySlug = await db.CaseStudies.Where(c => c.StoryId == result.StoryId).Select(c => c.Slug).SingleAsync();
        Assert.Equal(TagSlug, await db.Tags.Where(t => t.Name == TagName).Select(t => t.Slug).SingleAsync());

        var editing = scope.ServiceProvider.GetRequiredService<StoryEditing>();
        var sector = await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        StoryForm Hidden(string title, string tag, string author, string organisation) => new()
        {
            Title = title,
            Kind = StoryKind.CaseStudy,
            Summary = $"{title}: not for readers.",
            Body = $"The body of {title}, which readers must not see.",
            CategoryIds = [sector],
            Tags = [tag, "Fabulous Stuff"],
            Authors = [author],
            CaseStudy = new CaseStudyDetails { Organisations = $"{organisation}, Certitude", Place = "Somewhere private", WhatWasDone = "Something not yet public." },
        };

        var scheduled = await editing.SaveAsync(Hidden(ScheduledTitle, ScheduledTagName, ScheduledAuthorName, ScheduledOrganisationName), new Actor("user-test", "Test Editor"),
            StoryTransition.Schedule, DateTimeOffset.UtcNow.AddDays(30));
        Assert.Equal(StoryStatus.Scheduled, scheduled.Status);
        var published = await editing.SaveAsync(Hidden(UnpublishedTitle, UnpublishedTagName, UnpublishedAuthorName, UnpublishedOrganisationName), new Actor("user-test", "Test Editor"), StoryTransition.Publish);
        Assert.Equal(StoryStatus.Published, published.Status);
        var withdrawnForm = await editing.LoadAsync(published.StoryId);
        var withdrawn = await editing.SaveAsync(withdrawnForm!, new Actor("user-test", "Test Editor"), StoryTransition.Unpublish);
        Assert.Equal(StoryStatus.Unpublished, withdrawn.Status);

        foreach (var (id, title) in new[] { (scheduled.StoryId, ScheduledTitle), (published.StoryId, UnpublishedTitle) })
        {
            HiddenSlugs.Add(await db.Stories.Where(st => st.Id == id).Select(st => st.Slug).SingleAsync());
            HiddenSlugs.Add(await db.CaseStudies.Where(c => c.StoryId == id).Select(c => c.Slug).SingleAsync());
        }

        string[] tags = [ScheduledTagName, UnpublishedTagName];
        string[] authors = [ScheduledAuthorName, UnpublishedAuthorName];
        string[] organisations = [ScheduledOrganisationName, UnpublishedOrganisationName];
        HiddenSlugs.AddRange(await db.Tags.Where(t => tags.Contains(t.Name)).Select(t => t.Slug).ToListAsync());
        HiddenSlugs.AddRange(await db.Authors.Where(a => authors.Contains(a.Name)).Select(a => a.Slug).ToListAsync());
        HiddenSlugs.AddRange(await db.Organisations.Where(o => organisations.Contains(o.Name)).Select(o => o.Slug).ToListAsync());
        Assert.Equal(10, HiddenSlugs.Count);
    }
}
