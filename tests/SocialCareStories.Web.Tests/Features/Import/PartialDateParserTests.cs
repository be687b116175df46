using SocialCareStories.Web.Features.Import.Conventions;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Tests.Features.Import;

public class PartialDateParserTests
{
    [Fact]
    public void A_date_without_a_year_stays_without_one()
    {
        Assert.Equal(new PartialDate(null, 2, 9), PartialDateParser.Parse("February 9th"));
    }

    [Fact]
    public void A_date_without_a_year_has_no_iso_form()
    {
        Assert.Null(PartialDateParser.Parse("February 9th").ToIsoString());
    }

    [Theory]
    [InlineData("the 9th March 2017")]
    [InlineData("9 March 2017")]
    [InlineData("9th of March 2017")]
    [InlineData("March 9, 2017")]
    [InlineData("March 9th 2017")]
    [InlineData("9 Mar 2017")]
    public void A_whole_date_is_read_in_any_common_order(string text)
    {
        Assert.Equal(new PartialDate(2017, 3, 9), PartialDateParser.Parse(text));
    }

    [Fact]
    public void A_whole_date_has_an_iso_form()
    {
        Assert.Equal("2017-03-09", PartialDateParser.Parse("the 9th March 2017").ToIsoString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("last Tuesday")]
    [InlineData("in 2014 I wrote a book")]
    [InlineData("5 things we learnt")]
    public void Text_without_a_date_gives_no_date(string text)
    {
        Assert.Equal(PartialDate.Unknown, PartialDateParser.Parse(text));
    }

    [Theory]
    [InlineData("31 February 2017")]
    [InlineData("February 30th")]
    [InlineData("29 February 2017")]
    public void A_day_the_month_does_not_have_gives_no_date(string text)
    {
        Assert.Equal(PartialDate.Unknown, PartialDateParser.Parse(text));
    }

    [Fact]
    public void The_29th_of_february_without_a_year_is_kept()
    {
        Assert.Equal(new PartialDate(null, 2, 29), PartialDateParser.Parse("February 29th"));
    }
}
