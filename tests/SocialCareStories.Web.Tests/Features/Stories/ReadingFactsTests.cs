using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Tests.Features.Stories;

public sealed class ReadingFactsTests
{
    [Theory]
    [InlineData(0, "1 min read")]
    [InlineData(1, "1 min read")]
    [InlineData(200, "1 min read")]
    [InlineData(201, "2 min read")]
    [InlineData(800, "4 min read")]
    [InlineData(801, "5 min read")]
    public void Reading_time_is_the_words_over_two_hundred_rounded_up(int words, string expected)
    {
        var text = string.Join(" ", Enumerable.Repeat("care", words));

        Assert.Equal(expected, ReadingFacts.ReadingTime(text));
    }

    [Fact]
    public void Markdown_punctuation_on_its_own_is_not_a_word()
    {
        var text = string.Join(" ", Enumerable.Repeat("word", 200)) + " - * > ## ---";

        Assert.Equal(1, ReadingFacts.MinutesToRead(text));
    }

    [Fact]
    public void An_edit_after_the_publication_day_is_an_update()
    {
        var edited = new DateTimeOffset(2024, 3, 10, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2024, 3, 10), ReadingFacts.LastUpdated(new PartialDate(2024, 3, 9), edited));
        Assert.Equal("10 March 2024", ReadingFacts.Format(new DateOnly(2024, 3, 10)));
    }

    [Theory]
    [InlineData(2024, 3, 10)]
    [InlineData(2024, 3, null)]
    [InlineData(2024, null, null)]
    public void An_edit_on_or_before_the_publication_date_is_no_update(int? year, int? month, int? day)
    {
        var edited = new DateTimeOffset(2024, 3, 10, 23, 0, 0, TimeSpan.Zero);

        Assert.Null(ReadingFacts.LastUpdated(new PartialDate(year, month, day), edited));
    }

    [Fact]
    public void A_story_nobody_edited_or_with_no_date_shows_what_is_known()
    {
        var edited = new DateTimeOffset(2024, 3, 10, 9, 0, 0, TimeSpan.Zero);

        Assert.Null(ReadingFacts.LastUpdated(new PartialDate(2024, 3, 9), null));
        Assert.Equal(new DateOnly(2024, 3, 10), ReadingFacts.LastUpdated(PartialDate.Unknown, edited));
    }
}
