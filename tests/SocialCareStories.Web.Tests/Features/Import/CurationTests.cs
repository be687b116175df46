using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Import.Curation;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Import;

/// <summary>The curated facts of the seeds, as a fresh start leaves them in the store.</summary>
public sealed class CurationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private StoriesDbContext Store() => portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContext();

    [Fact]
    public async Task Leeds_City_Councils_We_Care_Academy_is_the_2015_Winner_of_Winners_linked_to_its_story()
    {
        await using var db = Store();
        var entry = await db.AwardEntries
            .Include(e => e.Organisation).Include(e => e.Story).Include(e => e.CaseStudy).Include(e => e.Category).ThenInclude(c => c.Year)
            .SingleAsync(e => e.Category.IsTopAward);

        Assert.Equal(("Winner of Winners", 2015, true), (entry.Category.Name, entry.Category.Year.Year, entry.Category.Year.IsPublished));
        Assert.Equal(("Leeds City Council", "We Care Academy", AwardResult.Winner), (entry.Organisation.Name, entry.ProjectName, entry.Result));
        Assert.Equal("The good, the bad and the ugly", entry.Story?.Title);
        Assert.Equal("We Care Academy", entry.CaseStudy?.Title);
    }

    [Fact]
    public async Task Stockport_Councils_REaCH_team_is_recorded_as_an_award_winner()
    {
        await using var db = Store();
        var entry = await db.AwardEntries.Include(e => e.Organisation).SingleAsync(e => e.Organisation.Name == "Stockport Council");

        Assert.Equal(AwardResult.Winner, entry.Result);
        Assert.Contains("REaCH", entry.ProjectName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_category_the_source_does_not_name_is_stored_without_a_name()
    {
        await using var db = Store();
        var entry = await db.AwardEntries.Include(e => e.Category).SingleAsync(e => e.Organisation.Name == "Stockport Council");

        Assert.Equal("", entry.Category.Name);
    }

    [Fact]
    public async Task The_2016_ceremony_in_Birmingham_is_a_draft_year_with_its_date()
    {
        await using var db = Store();
        var year = await db.AwardYears.SingleAsync(y => y.Year == 2016);

        Assert.Equal((new DateOnly(2016, 3, 10), "Birmingham", false), (year.CeremonyDate, year.Venue, year.IsPublished));
    }

    [Fact]
    public async Task The_seven_case_studies_the_posts_describe_each_belong_to_their_story()
    {
        await using var db = Store();
        var caseStudies = await db.CaseStudies.Include(c => c.Story).OrderBy(c => c.Title).ToListAsync();

        Assert.Equal(7, caseStudies.Count);
        Assert.All(caseStudies, c => Assert.NotNull(c.Story));
        Assert.Contains(caseStudies, c => c.Title == "Lambeth Living Well Network Alliance" && c.Place == "Lambeth");
        Assert.Contains(caseStudies, c => c.Title == "Careers into Care" && c.Story.Title.Contains("Wolverhampton", StringComparison.Ordinal));
        Assert.Contains(caseStudies, c => c.Title == "Symphony project, Somerset" && c.Story.Title == "Speak up at the back there");
    }

    [Fact]
    public async Task Series_posts_get_their_editorial_titles_and_no_longer_need_review()
    {
        await using var db = Store();
        var story = await db.Stories.SingleAsync(s => s.ImportKey == "001_b2b94a02d725591b.txt#6");

        Assert.Equal("What is integration for?", story.Title);
        Assert.False(story.NeedsReview);
    }

    [Fact]
    public async Task Author_details_from_the_curation_reach_the_author()
    {
        await using var db = Store();
        var author = await db.Authors.Include(a => a.Organisation).SingleAsync(a => a.Name == "Vidhya Alakeson");

        Assert.Equal(("Chief Executive", "Power to Change", "@vidhyaalakeson"), (author.Role, author.Organisation?.Name, author.SocialHandle));
    }

    [Fact]
    public void A_curation_entry_whose_quotation_is_not_in_its_story_is_reported_and_not_applied()
    {
        var story = new ImportedStory { SourceFile = "a.txt", Position = 1, Title = "Derived", BodyMarkdown = "What the post says.", NeedsReview = true };
        var curation = new CurationFile { Stories = [new StoryCuration { Story = "a.txt#1", Quote = "words the post never says", Title = "Invented" }] };
        var problems = new List<ImportProblem>();

        var curated = StoryCurator.Apply([story], curation, problems);

        Assert.Equal("Derived", curated[0].Title);
        Assert.Contains(problems, p => p.Message.Contains("words the post never says", StringComparison.Ordinal));
    }
}
