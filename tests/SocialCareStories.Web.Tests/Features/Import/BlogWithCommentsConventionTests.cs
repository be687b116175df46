using SocialCareStories.Web.Features.Stories;
using static SocialCareStories.Web.Tests.Features.Import.ImportText;

namespace SocialCareStories.Web.Tests.Features.Import;

public class BlogWithCommentsConventionTests
{
    private const string Blog = """
        Small acts, big difference

        Posted on March 3rd, by editor in Care Blog. 2 comments

        By guest blogger Priya Shah,

        Registered Manager at the Oakwood Care Home

        Last spring our residents started a letter-writing club with the local primary school.

        The children now visit every month, and the letters have become the highlight of the week.

        2 responses to “Small acts, big difference”

          1. Alan Green says:

            What a lovely idea. We will try this at our home.

          2. My mum lives at Oakwood and loves the letters.

            Thank you to the staff.

        Latest blog posts

        The joy of gardening

        By guest blogger SAM JONES

        Our gardening club has grown from three members to thirty...
        """;

    [Fact]
    public void The_first_line_is_the_title()
    {
        Assert.Equal("Small acts, big difference", OnlyStory(Blog).Title);
    }

    [Fact]
    public void The_body_runs_from_after_the_byline_to_the_responses()
    {
        Assert.Equal(
            "Last spring our residents started a letter-writing club with the local primary school.\n\n"
            + "The children now visit every month, and the letters have become the highlight of the week.",
            OnlyStory(Blog).BodyMarkdown);
    }

    [Fact]
    public void A_date_without_a_year_stays_without_one()
    {
        Assert.Equal(new PartialDate(null, 3, 3), OnlyStory(Blog).PublishedOn);
    }

    [Fact]
    public void The_guest_blogger_is_the_author()
    {
        Assert.Equal("Priya Shah", Assert.Single(OnlyStory(Blog).Authors).Name);
    }

    [Fact]
    public void The_line_under_the_guest_blogger_gives_role_and_organisation()
    {
        var author = Assert.Single(OnlyStory(Blog).Authors);

        Assert.Equal("Registered Manager", author.Role);
        Assert.Equal("Oakwood Care Home", author.Organisation);
    }

    [Fact]
    public void The_blog_named_in_the_posted_on_line_is_the_publication()
    {
        Assert.Equal("Care Blog", OnlyStory(Blog).SourcePublication);
    }

    [Fact]
    public void Comments_become_comments()
    {
        var comments = OnlyStory(Blog).Comments;

        Assert.Equal(2, comments.Count);
        Assert.Equal("Alan Green", comments[0].Author);
        Assert.Equal("What a lovely idea. We will try this at our home.", comments[0].Body);
    }

    [Fact]
    public void A_comment_without_a_name_has_no_author()
    {
        var comment = OnlyStory(Blog).Comments[1];

        Assert.Null(comment.Author);
        Assert.Equal("My mum lives at Oakwood and loves the letters.\n\nThank you to the staff.", comment.Body);
    }

    [Theory]
    [InlineData("Posted on")]
    [InlineData("guest blogger")]
    [InlineData("Registered Manager")]
    [InlineData("responses to")]
    [InlineData("says:")]
    [InlineData("lovely idea")]
    [InlineData("My mum")]
    [InlineData("Latest blog posts")]
    [InlineData("gardening")]
    [InlineData("SAM JONES")]
    public void Header_comments_and_sidebar_never_land_in_the_body(string text)
    {
        Assert.DoesNotContain(text, OnlyStory(Blog).BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Sidebar_teasers_are_never_stories()
    {
        var result = Parse(Blog);

        Assert.Single(result.Stories);
        Assert.DoesNotContain(result.Stories, s => s.Title.Contains("gardening", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Sidebar_teasers_are_never_comments()
    {
        Assert.DoesNotContain(OnlyStory(Blog).Comments, c => c.Body.Contains("gardening", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_whose_comment_count_matches_has_no_problems()
    {
        Assert.Empty(Parse(Blog).Problems);
    }

    [Fact]
    public void A_comment_count_that_does_not_match_the_page_is_reported()
    {
        var result = Parse(Blog.Replace("2 comments", "3 comments", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(SourceFile, problem.SourceFile);
        Assert.Contains("3 comments", problem.Message, StringComparison.Ordinal);
        Assert.Contains("2 were found", problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(result.Stories).Comments.Count);
    }

    [Fact]
    public void A_date_with_a_year_is_read_whole()
    {
        var story = OnlyStory(Blog.Replace("March 3rd,", "March 3rd 2015,", StringComparison.Ordinal));

        Assert.Equal(new PartialDate(2015, 3, 3), story.PublishedOn);
    }

    [Fact]
    public void A_post_without_responses_has_no_comments_and_keeps_its_body()
    {
        const string text = """
            Small acts, big difference

            Posted on March 3rd, by editor in Care Blog. 0 comments

            Last spring our residents started a letter-writing club with the local primary school.

            Latest blog posts

            The joy of gardening
            """;

        var story = OnlyStory(text);

        Assert.Empty(story.Comments);
        Assert.Empty(story.Authors);
        Assert.Equal("Last spring our residents started a letter-writing club with the local primary school.", story.BodyMarkdown);
    }
}
