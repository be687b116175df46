using static SocialCareStories.Web.Tests.Features.Import.ImportText;

namespace SocialCareStories.Web.Tests.Features.Import;

public class SeriesConventionTests
{
    private const string Series = """
        By Jane Smith

        sunrise

        Our home started a breakfast club for people living alone in the village, and it has changed the mornings of everyone who comes.

        Twelve neighbours now come every Tuesday and the kitchen is never quiet.

        Jane Smith is the manager of Riverside House.

        @janesmith

        by Tom Brown

        When I became a carer I did not expect to find a second family among the people I support every single day.

        Tom Brown is a home carer in Leeds.
        """;

    [Fact]
    public void Import_splits_a_series_page_at_each_byline()
    {
        var stories = Parse(Series).Stories;

        Assert.Equal(2, stories.Count);
        Assert.StartsWith("Our home started a breakfast club", stories[0].BodyMarkdown, StringComparison.Ordinal);
        Assert.StartsWith("When I became a carer", stories[1].BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_post_in_a_series_keeps_its_place_in_the_file()
    {
        var stories = Parse(Series).Stories;

        Assert.Equal([1, 2], stories.Select(s => s.Position));
        Assert.All(stories, s => Assert.Equal(SourceFile, s.SourceFile));
    }

    [Fact]
    public void Upper_and_lower_case_bylines_both_name_the_author()
    {
        var stories = Parse(Series).Stories;

        Assert.Equal("Jane Smith", Assert.Single(stories[0].Authors).Name);
        Assert.Equal("Tom Brown", Assert.Single(stories[1].Authors).Name);
    }

    [Fact]
    public void The_byline_is_not_part_of_the_body()
    {
        Assert.All(Parse(Series).Stories, s => Assert.DoesNotContain("By ", s.BodyMarkdown, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_long_opening_sentence_is_cut_at_a_word_into_a_title()
    {
        var stories = Parse(Series).Stories;

        Assert.Equal(
            "Our home started a breakfast club for people living alone in the village, and it…",
            stories[0].Title);
        Assert.Equal(
            "When I became a carer I did not expect to find a second family among the people…",
            stories[1].Title);
    }

    [Fact]
    public void A_series_post_takes_its_title_from_the_opening_sentence()
    {
        const string text = """
            By Jane Smith

            Breakfast clubs work. Twelve neighbours now come every Tuesday and the kitchen is never quiet.

            by Tom Brown

            Carers are family. When I became a carer I did not expect to find a second family.
            """;

        var stories = Parse(text).Stories;

        Assert.Equal("Breakfast clubs work", stories[0].Title);
        Assert.Equal("Carers are family", stories[1].Title);
    }

    [Fact]
    public void A_derived_title_flags_the_story_for_review()
    {
        Assert.All(Parse(Series).Stories, s =>
        {
            Assert.True(s.NeedsReview);
            Assert.NotNull(s.ReviewNote);
        });
    }

    [Fact]
    public void A_lone_image_caption_after_the_byline_stays_out_of_the_body()
    {
        Assert.DoesNotContain("sunrise", Parse(Series).Stories[0].BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_author_bio_ends_its_own_post()
    {
        var stories = Parse(Series).Stories;

        Assert.EndsWith("Jane Smith is the manager of Riverside House.", stories[0].BodyMarkdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Smith", stories[1].BodyMarkdown, StringComparison.Ordinal);
        Assert.EndsWith("Tom Brown is a home carer in Leeds.", stories[1].BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_handle_under_the_bio_is_the_authors_social_handle()
    {
        var story = Parse(Series).Stories[0];

        Assert.Equal("@janesmith", Assert.Single(story.Authors).SocialHandle);
        Assert.DoesNotContain("@janesmith", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_authors_joined_by_an_ampersand_are_both_named()
    {
        const string text = """
            By Ann Lee & Raj Patel

            In our town the council and the care homes now plan their training together, and it shows in every visit we make.

            By Tom Brown

            When I became a carer I did not expect to find a second family among the people I support every single day.
            """;

        string[] expected = ["Ann Lee", "Raj Patel"];

        Assert.Equal(expected, Parse(text).Stories[0].Authors.Select(a => a.Name));
    }

    [Fact]
    public void A_name_role_organisation_line_opens_a_post_and_gives_the_role_and_organisation()
    {
        var text = $"""
            By Tom Brown

            When I became a carer I did not expect to find a second family among the people I support every single day.

            Edel Harris – Chief Executive, Cornerstone

            {LongParagraph}
            """;

        var stories = Parse(text).Stories;

        Assert.Equal(2, stories.Count);
        var author = Assert.Single(stories[1].Authors);
        Assert.Equal("Edel Harris", author.Name);
        Assert.Equal("Chief Executive", author.Role);
        Assert.Equal("Cornerstone", author.Organisation);
        Assert.DoesNotContain("Edel Harris", stories[0].BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_role_sign_off_at_the_end_of_a_post_does_not_open_a_new_one()
    {
        const string text = """
            By Ann Lee & Raj Patel

            In our town the council and the care homes now plan their training together, and it shows in every visit we make.

            Ann Lee – Director, Riverside Care

            By Tom Brown

            When I became a carer I did not expect to find a second family among the people I support every single day.
            """;

        var stories = Parse(text).Stories;

        Assert.Equal(2, stories.Count);
        Assert.EndsWith("Ann Lee – Director, Riverside Care", stories[0].BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_that_opens_with_a_byline_is_a_series_even_with_one_post()
    {
        const string text = """
            By Jane Smith

            Our home started a breakfast club for people living alone in the village, and it has changed the mornings of everyone who comes.
            """;

        var story = OnlyStory(text);

        Assert.Equal("Jane Smith", Assert.Single(story.Authors).Name);
        Assert.True(story.NeedsReview);
    }

    [Fact]
    public void Text_before_the_first_byline_is_reported()
    {
        const string text = """
            Social care futures

            By Jane Smith

            Our home started a breakfast club for people living alone in the village, and it has changed the mornings of everyone who comes.

            By Tom Brown

            When I became a carer I did not expect to find a second family among the people I support every single day.
            """;

        var result = Parse(text);

        Assert.Equal(2, result.Stories.Count);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("Social care futures", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_breaking_space_lines_between_posts_still_separate_them()
    {
        var text = "By Jane Smith\n\u00a0\nOur home started a breakfast club for people living alone.\n\u00a0\nby Tom Brown\n\u00a0\nWhen I became a carer I found a second family.\n";

        var stories = Parse(text).Stories;

        Assert.Equal(2, stories.Count);
        Assert.Equal("Our home started a breakfast club for people living alone.", stories[0].BodyMarkdown);
    }

    private const string LongParagraph =
        "There is no getting away from it – things in social care are challenging, and yet every week our teams find new ways "
        + "to help the people we support live the lives they choose. We asked the people we support and their families what "
        + "good support looks like, and their answers were simple: people who know them, time to talk, and a say in how their "
        + "day is spent. That is the model we are now building, team by team, across the whole of our organisation.";
}
