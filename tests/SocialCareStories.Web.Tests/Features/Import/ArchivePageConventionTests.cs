using SocialCareStories.Web.Features.Stories;
using static SocialCareStories.Web.Tests.Features.Import.ImportText;

namespace SocialCareStories.Web.Tests.Features.Import;

public class ArchivePageConventionTests
{
    private const string Archive = """
        Tag Archives: Dementia Care

        Singing for the brain comes to Bristol

        A weekly choir for people living with dementia has opened at the central library.

        Source: Singing for the brain comes to Bristol – Bristol Post

        ‘Music got me talking again’

        by Mary Jones, Alzheimer's Society

        When my husband was diagnosed I did not expect that a choir would give us our evenings back.

        Read in full at the official blog of Care Voices: https://example.org/music-got-me-talking

        Gardens that help memory


        Tom Reid – a post that first appeared on Care Today website on the 9th March 2017

        The sensory garden at Elm Court has become the busiest room in the home.


        About the author
        Tom Reid is a gardener and former care worker.


        Related resources

        Walking football for everyone


        Sara Khan looks at how a football club opened its doors to people living with dementia.
        The first session drew twelve players and their families.

        A choir in every care home


        Guest Blogger Leo Grant, director of a music charity, makes the case for singing.
        Every home that tried it asked us to come back.
        """;

    [Fact]
    public void Every_post_on_an_archive_page_becomes_exactly_one_story()
    {
        string[] expected =
        [
            "Singing for the brain comes to Bristol",
            "‘Music got me talking again’",
            "Gardens that help memory",
            "Walking football for everyone",
            "A choir in every care home",
        ];

        Assert.Equal(expected, Parse(Archive).Stories.Select(s => s.Title));
    }

    [Fact]
    public void Archive_posts_are_numbered_in_page_order()
    {
        Assert.Equal([1, 2, 3, 4, 5], Parse(Archive).Stories.Select(s => s.Position));
    }

    [Fact]
    public void The_archive_tag_belongs_to_every_post()
    {
        Assert.All(Parse(Archive).Stories, s => Assert.Equal(["Dementia Care"], s.Tags));
    }

    [Fact]
    public void A_category_archive_gives_a_category_not_a_tag()
    {
        var stories = Parse(Archive.Replace("Tag Archives:", "Category Archives:", StringComparison.Ordinal)).Stories;

        Assert.All(stories, s =>
        {
            Assert.Equal(["Dementia Care"], s.Categories);
            Assert.Empty(s.Tags);
        });
    }

    [Fact]
    public void A_source_line_ends_a_link_post_and_names_the_publication()
    {
        var story = Parse(Archive).Stories[0];

        Assert.Equal("Bristol Post", story.SourcePublication);
        Assert.Equal("A weekly choir for people living with dementia has opened at the central library.", story.BodyMarkdown);
    }

    [Fact]
    public void A_read_in_full_line_gives_the_publication_and_address()
    {
        var story = Parse(Archive).Stories[1];

        Assert.Equal("Care Voices", story.SourcePublication);
        Assert.Equal("https://example.org/music-got-me-talking", story.SourceUrl);
        Assert.DoesNotContain("Read in full", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_and_organisation_byline_gives_both()
    {
        var story = Parse(Archive).Stories[1];

        var author = Assert.Single(story.Authors);
        Assert.Equal("Mary Jones", author.Name);
        Assert.Equal("Alzheimer's Society", author.Organisation);
        Assert.Equal("When my husband was diagnosed I did not expect that a choir would give us our evenings back.", story.BodyMarkdown);
    }

    [Fact]
    public void A_first_appeared_on_line_gives_author_publication_and_date()
    {
        var story = Parse(Archive).Stories[2];

        Assert.Equal("Tom Reid", Assert.Single(story.Authors).Name);
        Assert.Equal("Care Today website", story.SourcePublication);
        Assert.Equal(new PartialDate(2017, 3, 9), story.PublishedOn);
        Assert.DoesNotContain("first appeared", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void About_the_author_becomes_a_heading_over_the_bio()
    {
        Assert.EndsWith(
            "## About the author\n\nTom Reid is a gardener and former care worker.",
            Parse(Archive).Stories[2].BodyMarkdown,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_related_resources_heading_never_lands_in_a_body()
    {
        Assert.All(Parse(Archive).Stories, s => Assert.DoesNotContain("Related resources", s.BodyMarkdown, StringComparison.Ordinal));
    }

    [Fact]
    public void A_related_resource_standfirst_becomes_the_summary()
    {
        var story = Parse(Archive).Stories[3];

        Assert.Equal("Sara Khan looks at how a football club opened its doors to people living with dementia.", story.Summary);
        Assert.Equal("The first session drew twelve players and their families.", story.BodyMarkdown);
    }

    [Fact]
    public void A_related_resource_standfirst_names_the_author()
    {
        var stories = Parse(Archive).Stories;

        Assert.Equal("Sara Khan", Assert.Single(stories[3].Authors).Name);
        Assert.Equal("Leo Grant", Assert.Single(stories[4].Authors).Name);
    }

    [Fact]
    public void Posts_without_a_date_or_summary_get_none_invented()
    {
        var stories = Parse(Archive).Stories;

        Assert.Equal(PartialDate.Unknown, stories[0].PublishedOn);
        Assert.Equal(PartialDate.Unknown, stories[1].PublishedOn);
        Assert.Null(stories[0].Summary);
        Assert.Empty(stories[0].Authors);
        Assert.All(stories, s => Assert.False(s.NeedsReview));
    }

    [Fact]
    public void An_archive_page_reads_without_problems()
    {
        Assert.Empty(Parse(Archive).Problems);
    }

    [Fact]
    public void An_archive_page_that_lists_no_posts_is_reported()
    {
        var result = Parse("Tag Archives: Dementia Care\n");

        Assert.Empty(result.Stories);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(SourceFile, problem.SourceFile);
        Assert.Contains("Dementia Care", problem.Message, StringComparison.Ordinal);
    }
}
