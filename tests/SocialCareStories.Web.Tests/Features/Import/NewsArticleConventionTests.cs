using SocialCareStories.Web.Features.Import.Conventions;
using SocialCareStories.Web.Features.Stories;
using static SocialCareStories.Web.Tests.Features.Import.ImportText;

namespace SocialCareStories.Web.Tests.Features.Import;

public class NewsArticleConventionTests
{
    private const string Standfirst =
        "Care homes across Yorkshire will open their doors to neighbours this weekend, the county's care association has said.";

    private const string Article = $"""
        Care homes open their doors for a summer fair

        {Standfirst}

        {Standfirst} More than forty homes are taking part.

        Visitors will be able to tour the gardens, meet residents and try the food.

        WHAT THE FAIR WILL OFFER

        Each home sets its own programme, from brass bands to tea dances.

        What do you think?Join the debate on CareSpace

        Keep up to date with the latest developments in social care. Sign up to our daily and weekly emails

        Related articles

        Care home visiting rules relaxed

        More from Community Care

        Comments are closed.
        """;

    [Fact]
    public void A_news_article_yields_one_news_story_titled_by_its_headline()
    {
        var story = OnlyStory(Article);

        Assert.Equal(StoryKind.News, story.Kind);
        Assert.Equal("Care homes open their doors for a summer fair", story.Title);
    }

    [Fact]
    public void The_standfirst_becomes_the_summary()
    {
        Assert.Equal(Standfirst, OnlyStory(Article).Summary);
    }

    [Fact]
    public void A_standfirst_repeated_as_the_first_paragraph_appears_once_in_the_body()
    {
        var body = OnlyStory(Article).BodyMarkdown;

        Assert.Equal(1, Occurrences(body, "Care homes across Yorkshire will open their doors"));
        Assert.StartsWith(Standfirst + " More than forty homes are taking part.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_boxed_section_in_capitals_becomes_a_sentence_case_heading()
    {
        var body = OnlyStory(Article).BodyMarkdown;

        Assert.Contains("\n\n## What the fair will offer\n\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("WHAT THE FAIR", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_boxed_section_text_stays_in_the_body()
    {
        Assert.EndsWith("Each home sets its own programme, from brass bands to tea dances.", OnlyStory(Article).BodyMarkdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("What do you think?")]
    [InlineData("CareSpace")]
    [InlineData("Keep up to date")]
    [InlineData("Related articles")]
    [InlineData("Care home visiting rules relaxed")]
    [InlineData("More from")]
    [InlineData("Comments are closed.")]
    public void Chrome_never_lands_in_the_body(string chrome)
    {
        Assert.DoesNotContain(chrome, OnlyStory(Article).BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_more_from_line_names_the_publication()
    {
        Assert.Equal("Community Care", OnlyStory(Article).SourcePublication);
    }

    [Fact]
    public void A_news_article_invents_no_author_date_or_comments()
    {
        var story = OnlyStory(Article);

        Assert.Empty(story.Authors);
        Assert.Equal(PartialDate.Unknown, story.PublishedOn);
        Assert.Empty(story.Comments);
        Assert.True(story.NeedsReview);
        Assert.Equal(PostHeading.NoAuthorOrDate, story.ReviewNote);
    }

    [Fact]
    public void A_repeated_standfirst_alone_marks_a_news_article()
    {
        const string text = $"""
            Care homes open their doors for a summer fair

            {Standfirst}

            {Standfirst} More than forty homes are taking part.
            """;

        var story = OnlyStory(text);

        Assert.Equal(StoryKind.News, story.Kind);
        Assert.Equal(Standfirst + " More than forty homes are taking part.", story.BodyMarkdown);
    }

    [Fact]
    public void A_standfirst_that_is_not_repeated_still_opens_the_body()
    {
        const string text = $"""
            Care homes open their doors for a summer fair

            {Standfirst}

            Visitors will be able to tour the gardens, meet residents and try the food.

            Related articles

            Care home visiting rules relaxed

            Comments are closed.
            """;

        var story = OnlyStory(text);

        Assert.Equal(StoryKind.News, story.Kind);
        Assert.Equal(Standfirst, story.Summary);
        Assert.Equal(Standfirst + "\n\nVisitors will be able to tour the gardens, meet residents and try the food.", story.BodyMarkdown);
    }

    [Fact]
    public void A_byline_under_the_headline_names_the_author()
    {
        const string text = $"""
            Care homes open their doors for a summer fair

            By Jane Smith

            {Standfirst}

            {Standfirst} More than forty homes are taking part.

            Comments are closed.
            """;

        var story = OnlyStory(text);

        Assert.Equal("Jane Smith", Assert.Single(story.Authors).Name);
        Assert.Equal(Standfirst, story.Summary);
        Assert.DoesNotContain("Jane Smith", story.BodyMarkdown, StringComparison.Ordinal);
    }
}
