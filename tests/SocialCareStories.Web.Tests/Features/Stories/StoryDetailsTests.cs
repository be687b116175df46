using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>What StoryReader reads around a story in one command: tags, authors, case studies and their organisations.</summary>
public sealed class StoryDetailsTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task A_published_case_study_story_reads_back_its_tags_authors_and_case_study_with_its_organisations()
    {
        var form = NewForm("A case study read back whole");
        form.Kind = StoryKind.CaseStudy;
        form.Authors = ["Second Writer", "First Writer"];
        form.Tags = ["Zebra tag", "Apple tag"];
        form.CaseStudy = new CaseStudyDetails { Organisations = "Riverside Care, Hilltop Trust", Place = "Leeds", Outcomes = "Fewer falls." };
        var saved = await CreateAsync(portal, form, StoryTransition.Publish);

        await using var scope = portal.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<StoryReader>().FindPublishedAsync(saved.Slug);

        Assert.NotNull(view);
        Assert.Equal(["Second Writer", "First Writer"], view.Authors.Select(a => a.Name));
        Assert.Equal(["Apple tag", "Zebra tag"], view.Story.Tags.Select(t => t.Name).Order());
        var caseStudy = Assert.Single(view.CaseStudies);
        Assert.Equal(("Leeds", "Fewer falls."), (caseStudy.Place, caseStudy.Outcomes));
        Assert.Equal(["Hilltop Trust", "Riverside Care"], caseStudy.Organisations.Order());
        Assert.Empty(view.Comments);
        Assert.Empty(view.Awards);
    }

    [Fact]
    public async Task The_reader_reads_when_an_editor_last_changed_the_story_for_its_last_updated_line()
    {
        var saved = await CreateAsync(portal, NewForm("A story edited since"), StoryTransition.Publish);

        await using var scope = portal.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<StoryReader>().FindPublishedAsync(saved.Slug);

        Assert.NotNull(view?.Story.EditedAt);
        Assert.True(DateTimeOffset.UtcNow - view.Story.EditedAt.Value < TimeSpan.FromMinutes(5));
    }
}
