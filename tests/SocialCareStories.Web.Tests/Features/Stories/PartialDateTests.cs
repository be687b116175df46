using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>How a story's date reads wherever it is printed (story page, cards, search results).</summary>
public sealed class PartialDateTests
{
    [Fact]
    public void A_date_without_its_year_says_the_year_was_not_given() =>
        Assert.Equal("9 February (year not given)", new PartialDate(null, 2, 9).ToString());

    [Fact]
    public void A_month_without_its_year_says_the_year_was_not_given() =>
        Assert.Equal("February (year not given)", new PartialDate(null, 2, null).ToString());

    [Fact]
    public void A_day_without_its_month_is_left_out() =>
        Assert.Equal("", new PartialDate(null, null, 9).ToString());

    [Theory]
    [InlineData(2017, 3, 9, "9 March 2017")]
    [InlineData(2016, 3, null, "March 2016")]
    [InlineData(2016, null, null, "2016")]
    public void A_date_with_its_year_reads_as_it_always_did(int year, int? month, int? day, string expected) =>
        Assert.Equal(expected, new PartialDate(year, month, day).ToString());
}
