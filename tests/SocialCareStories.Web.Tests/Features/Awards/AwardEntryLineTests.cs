using Bunit;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Awards.Components;

namespace SocialCareStories.Web.Tests.Features.Awards;

/// <summary>One awards entry rendered on its own by bunit.</summary>
public sealed class AwardEntryLineTests : BunitContext
{
    private static readonly AwardEntryView LeedsWinner = new(
        "Leeds City Council", "leeds-city-council", "We Care Academy", AwardResult.Winner, "Worked in partnership with Job Centre Plus.",
        "the-good-the-bad-and-the-ugly", "The good, the bad and the ugly", "we-care-academy", "We Care Academy");

    [Fact]
    public void An_entry_shows_its_result_organisation_project_and_citation()
    {
        var line = Render<AwardEntryLine>(p => p.Add(c => c.Entry, LeedsWinner));

        Assert.Equal("Winner", line.Find(".award-result").TextContent);
        Assert.Contains("award-result--winner", line.Find(".award-result").ClassList);
        Assert.Equal("/organisations/leeds-city-council", line.Find(".award-entry__title a").GetAttribute("href"));
        Assert.Equal("We Care Academy", line.Find(".award-entry__project").TextContent);
        Assert.Equal("Worked in partnership with Job Centre Plus.", line.Find(".award-entry__citation").TextContent);
    }

    [Fact]
    public void An_entry_links_to_its_story_and_case_study_with_names_that_say_where_they_go()
    {
        var line = Render<AwardEntryLine>(p => p.Add(c => c.Entry, LeedsWinner));

        var links = line.FindAll(".award-entry__links a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal(
            [("/stories/the-good-the-bad-and-the-ugly", "Read the story: The good, the bad and the ugly"), ("/case-studies/we-care-academy", "Case study: We Care Academy")],
            links);
    }

    [Fact]
    public void An_entry_without_a_readable_story_or_case_study_has_no_links_to_them()
    {
        var entry = LeedsWinner with { Result = AwardResult.HighlyCommended, Citation = null, StorySlug = null, StoryTitle = null, CaseStudySlug = null, CaseStudyTitle = null };

        var line = Render<AwardEntryLine>(p => p.Add(c => c.Entry, entry));

        Assert.Equal("Highly commended", line.Find(".award-result").TextContent);
        Assert.Empty(line.FindAll(".award-entry__links"));
        Assert.Empty(line.FindAll(".award-entry__citation"));
    }
}
