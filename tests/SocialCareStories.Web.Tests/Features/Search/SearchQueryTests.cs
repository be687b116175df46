using SocialCareStories.Web.Features.Search;

namespace SocialCareStories.Web.Tests.Features.Search;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("( ) - ^ : + \"\" *")]
    public void Text_with_no_words_gives_no_query(string? text) => Assert.Null(SearchQuery.ToFts5(text));

    [Fact]
    public void Each_word_is_quoted_and_required_and_none_matches_as_a_prefix() =>
        Assert.Equal("\"social\" AND \"care\" AND \"recruit\"", SearchQuery.ToFts5("social care recruit"));

    [Fact]
    public void Operators_and_syntax_characters_become_plain_quoted_words() =>
        Assert.Equal("\"care\" AND \"NEAR\" AND \"OR\" AND \"Title\" AND \"home\"", SearchQuery.ToFts5("care* NEAR(\"OR\" -Title:home"));

    [Fact]
    public void A_short_last_word_matches_only_whole() =>
        Assert.Equal("\"care\" AND \"UK\"", SearchQuery.ToFts5("care UK"));

    [Fact]
    public void Letters_with_accents_and_from_other_scripts_are_kept() =>
        Assert.Equal(["café", "naïve", "Cymraeg", "日本"], SearchQuery.Terms("café, naïve; Cymraeg/日本"));

    [Fact]
    public void Repeated_words_and_very_long_input_are_bounded() =>
        Assert.Equal(10, SearchQuery.Terms(string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"))).Count);
}
