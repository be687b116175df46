using SocialCareStories.Web.Features.Stories;
using static SocialCareStories.Web.Tests.Features.Import.ImportText;

namespace SocialCareStories.Web.Tests.Features.Import;

public class SinglePostConventionTests
{
    private const string Post = """
        A day at the Riverside allotment

        Residents of Riverside House spent the morning planting potatoes with volunteers from the village.

        Everyone went home with a tray of seedlings and a plan to meet again next month.
        Categories:
          • Good News
          • Social Care > Good News
          • Social Care
        Menu
        Download acrobat reader
        """;

    [Fact]
    public void The_first_line_is_the_title()
    {
        Assert.Equal("A day at the Riverside allotment", OnlyStory(Post).Title);
    }

    [Fact]
    public void A_page_with_one_post_yields_one_story()
    {
        var result = Parse(Post);

        var story = Assert.Single(result.Stories);
        Assert.Equal(1, story.Position);
        Assert.Equal(SourceFile, story.SourceFile);
    }

    [Fact]
    public void The_body_holds_every_paragraph_of_the_text()
    {
        Assert.Equal(
            "Residents of Riverside House spent the morning planting potatoes with volunteers from the village.\n\n"
            + "Everyone went home with a tray of seedlings and a plan to meet again next month.",
            OnlyStory(Post).BodyMarkdown);
    }

    [Fact]
    public void The_title_line_is_not_repeated_in_the_body()
    {
        Assert.DoesNotContain("Riverside allotment", OnlyStory(Post).BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Categories_are_read_from_the_bullet_list_as_written()
    {
        string[] expected = ["Good News", "Social Care > Good News", "Social Care"];

        Assert.Equal(expected, OnlyStory(Post).Categories);
    }

    [Fact]
    public void Chrome_never_lands_in_the_body()
    {
        var body = OnlyStory(Post).BodyMarkdown;

        Assert.DoesNotContain("Menu", body, StringComparison.Ordinal);
        Assert.DoesNotContain("acrobat", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Categories", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Good News", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_trailing_chrome_is_dropped_without_a_problem()
    {
        Assert.Empty(Parse(Post).Problems);
    }

    [Fact]
    public void A_post_with_a_real_title_an_author_and_a_date_needs_no_review()
    {
        const string text = """
            A day at the Riverside allotment

            By Jane Smith

            Posted on 3 October 2019

            Residents of Riverside House spent the morning planting potatoes with volunteers from the village.
            """;

        var story = OnlyStory(text);

        Assert.False(story.NeedsReview);
        Assert.Null(story.ReviewNote);
    }

    [Fact]
    public void A_single_post_is_a_blog_post_with_no_invented_details()
    {
        var story = OnlyStory(Post);

        Assert.Equal(StoryKind.BlogPost, story.Kind);
        Assert.Empty(story.Authors);
        Assert.Equal(PartialDate.Unknown, story.PublishedOn);
        Assert.Empty(story.Tags);
        Assert.Empty(story.Comments);
        Assert.Null(story.Summary);
    }

    [Fact]
    public void A_hashtag_title_becomes_a_tag()
    {
        const string text = """
            #GoodCareNews

            Gardens that heal - Residents of Riverside House spent the morning planting potatoes with volunteers.
            Categories:
              • Good News
            """;

        Assert.Equal(["GoodCareNews"], OnlyStory(text).Tags);
    }

    [Fact]
    public void A_hashtag_title_takes_the_heading_run_into_the_first_paragraph()
    {
        const string text = """
            #GoodCareNews

            Gardens that heal - Residents of Riverside House spent the morning planting potatoes with volunteers.
            """;

        var story = OnlyStory(text);

        Assert.Equal("Gardens that heal", story.Title);
        Assert.Equal("Residents of Riverside House spent the morning planting potatoes with volunteers.", story.BodyMarkdown);
    }

    [Fact]
    public void A_hashtag_title_without_a_heading_derives_one_from_the_opening_sentence()
    {
        const string text = """
            #GoodCareNews

            Residents of Riverside House planted potatoes. Everyone went home happy.
            """;

        var story = OnlyStory(text);

        Assert.Equal("Residents of Riverside House planted potatoes", story.Title);
        Assert.StartsWith("Residents of Riverside House planted potatoes.", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hashtag_title_flags_the_story_for_review()
    {
        const string text = """
            #GoodCareNews

            Residents of Riverside House planted potatoes. Everyone went home happy.
            """;

        var story = OnlyStory(text);

        Assert.True(story.NeedsReview);
        Assert.NotNull(story.ReviewNote);
    }

    [Fact]
    public void A_byline_under_the_title_names_the_author_and_stays_out_of_the_body()
    {
        const string text = """
            A day at the Riverside allotment

            By Jane Smith

            Residents of Riverside House spent the morning planting potatoes with volunteers from the village.
            """;

        var story = OnlyStory(text);

        Assert.Equal("Jane Smith", Assert.Single(story.Authors).Name);
        Assert.DoesNotContain("Jane Smith", story.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tags_list_after_the_body_gives_tags()
    {
        const string text = """
            A day at the Riverside allotment

            Residents of Riverside House spent the morning planting potatoes with volunteers from the village.
            Tags:
              • gardening
              • volunteers
            """;

        string[] expected = ["gardening", "volunteers"];

        Assert.Equal(expected, OnlyStory(text).Tags);
    }

    [Fact]
    public void Unknown_text_after_the_post_is_reported_not_silently_dropped()
    {
        const string text = """
            A day at the Riverside allotment

            Residents of Riverside House spent the morning planting potatoes with volunteers from the village.
            Categories:
              • Good News
            Subscribe to our newsletter for more stories
            """;

        var result = Parse(text);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(SourceFile, problem.SourceFile);
        Assert.Contains("Subscribe to our newsletter", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Subscribe", Assert.Single(result.Stories).BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_of_only_non_breaking_spaces_count_as_blank()
    {
        const string text = "A day at the Riverside allotment\n\u00a0\u00a0\nResidents planted potatoes with volunteers.\n \u00a0 \nEveryone went home happy.\n";

        Assert.Equal("Residents planted potatoes with volunteers.\n\nEveryone went home happy.", OnlyStory(text).BodyMarkdown);
    }

    [Fact]
    public void Windows_line_endings_read_like_unix_ones()
    {
        var unix = OnlyStory(Post);
        var windows = OnlyStory(Post.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(unix.Title, windows.Title);
        Assert.Equal(unix.BodyMarkdown, windows.BodyMarkdown);
        Assert.Equal(unix.Categories, windows.Categories);
    }
}
