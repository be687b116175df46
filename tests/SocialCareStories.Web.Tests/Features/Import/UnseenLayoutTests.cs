using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Import.Conventions;
using SocialCareStories.Web.Features.Import.Curation;
using SocialCareStories.Web.Features.Stories;
using static SocialCareStories.Web.Tests.Features.Import.ImportText;

namespace SocialCareStories.Web.Tests.Features.Import;

/// <summary>Posts in common layouts that none of the seeds use, written here, read by whichever convention takes them.</summary>
public class UnseenLayoutTests
{
    private const string CouncilNews = """
        Northfield welcomes twelve new shared lives carers

        By Marcus Hale, Head of Commissioning, Northfield Council

        Published: 3 October 2019

        Twelve new shared lives carers joined our scheme this month, opening their homes to adults who want to live in a family setting.

        The carers trained together over six weeks and will be matched with the people they support in the new year.
        Categories:
          • News
        """;

    private const string CharityBlog = """
        Knit and natter group marks its first birthday

        Posted on 3 October 2019 by Newsdesk

        The knit and natter group at Elm Court began with three residents and a bag of wool donated by a local shop.

        A year on, twenty people meet every Tuesday, and the blankets they make go to the neonatal unit at the hospital.
        """;

    private const string ProviderGuestPost = """
        What I learned in my first year as a registered manager

        By guest blogger Priya Natarajan,

        Registered Manager, Willow Lodge Care Home

        When I took on the registered manager role I thought the hardest part would be the inspections.

        It turned out to be learning when to step back and let my team lead.
        """;

    private const string SignedPost = """
        Supported living that starts with the person

        Amara Okafor – Service Manager, Hillside Supported Living

        Posted on June 14th, by editor in Community news

        When Daniel moved into his own flat last spring, he chose the furniture, the colour of the walls and who would support him.

        Six months on he volunteers at the allotment twice a week.
        """;

    private static string Post(string heading) => $"""
        Residents plant a community orchard

        {heading}

        Residents of Brook House planted twenty apple trees with pupils from the primary school next door.
        """;

    [Fact]
    public void Import_reads_a_byline_with_role_and_organisation()
    {
        var story = OnlyStory(CouncilNews);

        Assert.Equal(new ImportedAuthor("Marcus Hale", "Head of Commissioning", "Northfield Council"), Assert.Single(story.Authors));
    }

    [Fact]
    public void Import_reads_a_published_dateline_under_the_byline()
    {
        Assert.Equal(new PartialDate(2019, 10, 3), OnlyStory(CouncilNews).PublishedOn);
    }

    [Fact]
    public void Bylines_and_datelines_stay_out_of_the_body()
    {
        var body = OnlyStory(CouncilNews).BodyMarkdown;

        Assert.StartsWith("Twelve new shared lives carers", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Marcus Hale", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Published", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_with_its_author_and_date_read_needs_no_review()
    {
        var story = OnlyStory(CouncilNews);

        Assert.False(story.NeedsReview);
        Assert.Null(story.ReviewNote);
    }

    [Theory]
    [InlineData(CharityBlog)]
    [InlineData("Residents plant a community orchard\n\nBy Web Team\n\nPosted on 3 October 2019\n\nResidents of Brook House planted trees.")]
    [InlineData("Residents plant a community orchard\n\nPosted by Communications Team on 3 October 2019\n\nResidents of Brook House planted trees.")]
    public void A_desk_name_is_not_an_author(string text)
    {
        var story = OnlyStory(text);

        Assert.Empty(story.Authors);
        Assert.False(story.NeedsReview);
    }

    [Fact]
    public void A_posted_on_line_by_a_desk_still_dates_the_post_and_leaves_the_body()
    {
        var story = OnlyStory(CharityBlog);

        Assert.Equal(new PartialDate(2019, 10, 3), story.PublishedOn);
        Assert.StartsWith("The knit and natter group", story.BodyMarkdown, StringComparison.Ordinal);
        Assert.False(story.NeedsReview);
    }

    [Fact]
    public void A_guest_blogger_byline_takes_its_role_and_organisation_from_the_next_line()
    {
        var story = OnlyStory(ProviderGuestPost);

        Assert.Equal(new ImportedAuthor("Priya Natarajan", "Registered Manager", "Willow Lodge Care Home"), Assert.Single(story.Authors));
        Assert.StartsWith("When I took on", story.BodyMarkdown, StringComparison.Ordinal);
        Assert.False(story.NeedsReview);
    }

    [Fact]
    public void A_name_dash_role_organisation_line_under_the_title_is_the_author()
    {
        var story = OnlyStory(SignedPost);

        Assert.Equal(new ImportedAuthor("Amara Okafor", "Service Manager", "Hillside Supported Living"), Assert.Single(story.Authors));
        Assert.StartsWith("When Daniel moved", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dateline_without_a_year_gets_no_year_invented()
    {
        Assert.Equal(new PartialDate(null, 6, 14), OnlyStory(SignedPost).PublishedOn);
    }

    [Theory]
    [InlineData("Written by Jane Smith", "Jane Smith")]
    [InlineData("Author: Jane Smith", "Jane Smith")]
    [InlineData("By Jane Smith | 3 October 2019", "Jane Smith")]
    [InlineData("Posted by Jane Smith on 3 October 2019", "Jane Smith")]
    [InlineData("Posted on 3 October 2019 by Jane Smith", "Jane Smith")]
    [InlineData("By Jane Smith and Tom Lee", "Jane Smith")]
    public void Common_byline_forms_name_the_author(string heading, string name)
    {
        var story = OnlyStory(Post(heading));

        Assert.Equal(name, story.Authors[0].Name);
        Assert.StartsWith("Residents of Brook House", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Published: 3 October 2019")]
    [InlineData("Published on 3 October 2019")]
    [InlineData("3 October 2019")]
    [InlineData("Thursday 3rd October 2019")]
    [InlineData("October 3, 2019")]
    [InlineData("2019-10-03")]
    [InlineData("03/10/2019")]
    [InlineData("Date: 3 Oct 2019")]
    public void Common_dateline_forms_date_the_post(string heading)
    {
        var story = OnlyStory(Post(heading));

        Assert.Equal(new PartialDate(2019, 10, 3), story.PublishedOn);
        Assert.StartsWith("Residents of Brook House", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byline_that_names_no_person_is_flagged_with_the_reason()
    {
        var story = OnlyStory(Post("By the team at Elm Court"));

        Assert.Empty(story.Authors);
        Assert.True(story.NeedsReview);
        Assert.Contains("'By the team at Elm Court' names no person", story.ReviewNote, StringComparison.Ordinal);
        Assert.DoesNotContain("Elm Court", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_different_dates_at_the_top_are_flagged_and_the_first_is_kept()
    {
        var story = OnlyStory(Post("Published: 3 October 2019\n\nPosted on 5 October 2019"));

        Assert.Equal(new PartialDate(2019, 10, 3), story.PublishedOn);
        Assert.True(story.NeedsReview);
        Assert.Contains("two different dates", story.ReviewNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_datelines_that_agree_make_one_fuller_date()
    {
        var story = OnlyStory(Post("Posted on June 14th\n\n14 June 2019"));

        Assert.Equal(new PartialDate(2019, 6, 14), story.PublishedOn);
        Assert.DoesNotContain("two different dates", story.ReviewNote ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Posted on 31 June 2019", "a day that month does not have")]
    [InlineData("Published: 10/31/2019", "month-first")]
    [InlineData("Posted on 3rd Octobre", "could not be read")]
    public void A_date_that_can_only_be_half_read_is_flagged_and_not_guessed(string heading, string reason)
    {
        var story = OnlyStory(Post("By Jane Smith\n\n" + heading));

        Assert.Equal(PartialDate.Unknown, story.PublishedOn);
        Assert.True(story.NeedsReview);
        Assert.Contains(reason, story.ReviewNote, StringComparison.Ordinal);
        Assert.StartsWith("Residents of Brook House", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_two_digit_year_keeps_the_day_and_month_and_is_flagged()
    {
        var story = OnlyStory(Post("By Jane Smith\n\nPosted on 03/10/19"));

        Assert.Equal(new PartialDate(null, 10, 3), story.PublishedOn);
        Assert.Contains("two digits", story.ReviewNote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_name_on_the_dateline_is_not_an_author_and_is_flagged()
    {
        var story = OnlyStory(Post("Posted on 3 October 2019 by jsmith88"));

        Assert.Empty(story.Authors);
        Assert.Contains("'jsmith88', which is not a person's name", story.ReviewNote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_with_no_author_and_no_date_is_flagged_for_review()
    {
        var story = OnlyStory(Post("Our orchard project began with one tree and a lot of enthusiasm."));

        Assert.True(story.NeedsReview);
        Assert.Equal(PostHeading.NoAuthorOrDate, story.ReviewNote);
    }

    [Fact]
    public void Prose_that_opens_with_by_stays_in_the_body()
    {
        var story = OnlyStory(Post("By working with the school next door, residents found a new reason to go outside every day."));

        Assert.Empty(story.Authors);
        Assert.StartsWith("By working with the school", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_opening_line_after_a_plain_byline_is_not_taken_for_a_role()
    {
        var story = OnlyStory(Post("By Jane Smith\n\nA sunny day in Brook House"));

        Assert.Null(Assert.Single(story.Authors).Role);
        Assert.StartsWith("A sunny day in Brook House", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_news_article_reads_its_byline_and_dateline_before_the_standfirst()
    {
        const string text = """
            Care homes open their doors for a summer fair

            By Jane Smith, Reporter

            Published: 3 October 2019

            Care homes across the county opened their doors to neighbours for a summer fair on Saturday afternoon.

            Care homes across the county opened their doors to neighbours for a summer fair on Saturday afternoon, with music and cake.

            Related articles
            """;

        var story = OnlyStory(text);

        Assert.Equal(StoryKind.News, story.Kind);
        Assert.Equal(new ImportedAuthor("Jane Smith", "Reporter"), Assert.Single(story.Authors));
        Assert.Equal(new PartialDate(2019, 10, 3), story.PublishedOn);
        Assert.StartsWith("Care homes across the county", story.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Curation_that_supplies_a_date_settles_a_missing_author_and_date()
    {
        var story = OnlyStory(Post("Our orchard project began with one tree and a lot of enthusiasm."));
        var curation = new CurationFile
        {
            Stories = [new StoryCuration { Story = story.ImportKey, Quote = "twenty apple trees", PublishedOn = new CuratedDate(2019, null, null) }],
        };

        var curated = Assert.Single(StoryCurator.Apply([story], curation, []));

        Assert.False(curated.NeedsReview);
        Assert.Null(curated.ReviewNote);
    }

    [Fact]
    public void Curation_that_supplies_only_a_title_leaves_a_byline_doubt_standing()
    {
        var story = OnlyStory(Post("By the team at Elm Court"));
        var curation = new CurationFile
        {
            Stories = [new StoryCuration { Story = story.ImportKey, Quote = "twenty apple trees", Title = "An orchard at Brook House" }],
        };

        var curated = Assert.Single(StoryCurator.Apply([story], curation, []));

        Assert.True(curated.NeedsReview);
        Assert.Contains("names no person", curated.ReviewNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_reasons_leave_the_import_fingerprint_as_it_was_so_a_rerun_rewrites_nothing()
    {
        var story = OnlyStory(Post("By the team at Elm Court"));

        Assert.NotEmpty(story.ReviewReasons);
        Assert.Equal(StoryImportWriter.Fingerprint(story with { ReviewReasons = [] }), StoryImportWriter.Fingerprint(story));
    }
}
