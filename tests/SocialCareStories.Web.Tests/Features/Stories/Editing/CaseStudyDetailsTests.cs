using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

public sealed class CaseStudyDetailsTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task A_case_study_story_keeps_its_details_in_a_case_study_with_its_organisations()
    {
        var form = NewForm("Night sitting in Kirklees");
        form.Kind = StoryKind.CaseStudy;
        form.CaseStudy = new CaseStudyDetails
        {
            Organisations = "Kirklees Council, Locala",
            Place = "Kirklees",
            WhatWasDone = "A night-sitting service for people leaving hospital.",
            Outcomes = "Fewer readmissions.",
        };

        var saved = await CreateAsync(portal, form);
        var loaded = await EditingOf(portal).LoadAsync(saved.StoryId);

        await using var db = await DbAsync(portal);
        var caseStudy = await db.CaseStudies.Include(c => c.Organisations).SingleAsync(c => c.StoryId == saved.StoryId);
        Assert.Equal(("Kirklees", "Fewer readmissions."), (caseStudy.Place, caseStudy.Outcomes));
        Assert.Equal(["Kirklees Council", "Locala"], caseStudy.Organisations.Select(o => o.Name).Order());
        Assert.Equal("Kirklees Council, Locala", loaded!.CaseStudy.Organisations);
        Assert.Equal("A night-sitting service for people leaving hospital.", loaded.CaseStudy.WhatWasDone);
    }

    [Fact]
    public async Task Changing_the_details_updates_the_same_case_study_and_a_blog_post_gets_none()
    {
        var form = NewForm("Shared lives in Sefton");
        form.Kind = StoryKind.CaseStudy;
        form.CaseStudy = new CaseStudyDetails { Organisations = "Sefton Council", Place = "Sefton" };
        var saved = await CreateAsync(portal, form);
        var edit = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        edit.CaseStudy.Organisations = "Sefton Council, Shared Lives Plus";
        edit.CaseStudy.Place = "Bootle";

        var result = await EditingOf(portal).SaveAsync(edit, Edna);
        var blogPost = await CreateAsync(portal, NewForm("Just a blog post about Sefton"));

        Assert.Equal(EditOutcome.Saved, result.Outcome);
        await using var db = await DbAsync(portal);
        var caseStudy = await db.CaseStudies.Include(c => c.Organisations).SingleAsync(c => c.StoryId == saved.StoryId);
        Assert.Equal("Bootle", caseStudy.Place);
        Assert.Equal(["Sefton Council", "Shared Lives Plus"], caseStudy.Organisations.Select(o => o.Name).Order());
        Assert.False(await db.CaseStudies.AnyAsync(c => c.StoryId == blogPost.StoryId));
    }

    [Fact]
    public async Task Overlong_details_are_refused_naming_the_case_study()
    {
        var form = NewForm("Too much to say");
        form.Kind = StoryKind.CaseStudy;
        form.CaseStudy = new CaseStudyDetails { Outcomes = new string('x', 4001) };

        var result = await EditingOf(portal).SaveAsync(form, Edna);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.StartsWith("Case study:", result.Errors[StoryFields.CaseStudy], StringComparison.Ordinal);
    }
}
