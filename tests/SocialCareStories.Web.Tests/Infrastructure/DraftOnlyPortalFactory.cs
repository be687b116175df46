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
/// The draft is written before the first request, so no page can have been cached without it.
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

    /// <summary>Every name and address of the draft that must never reach a public page.</summary>
    public IReadOnlyList<string> Secrets => [StoryTitle, TagName, TagSlug, AuthorName, AuthorSlug, OrganisationName, OrganisationSlug, StorySlug, CaseStudySlug];

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
    }
}
