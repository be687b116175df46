using SocialCareStories.Web.Features.Import.Conventions;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Tests.Features.Import;

public class DatelinesTests
{
    [Theory]
    [InlineData("3 October 2019", 2019, 10, 3)]
    [InlineData("3rd October 2019", 2019, 10, 3)]
    [InlineData("Thursday 3rd October 2019", 2019, 10, 3)]
    [InlineData("Thursday, 3 October 2019", 2019, 10, 3)]
    [InlineData("October 3, 2019", 2019, 10, 3)]
    [InlineData("3 Oct 2019", 2019, 10, 3)]
    [InlineData("3 Sept. 2019", 2019, 9, 3)]
    [InlineData("2019-10-03", 2019, 10, 3)]
    [InlineData("03/10/2019", 2019, 10, 3)]
    [InlineData("3.10.2019", 2019, 10, 3)]
    [InlineData("3 October 2019 at 10:15am", 2019, 10, 3)]
    [InlineData("October 2019", 2019, 10, null)]
    [InlineData("June 14th", null, 6, 14)]
    public void A_date_is_read_as_written_and_nothing_more(string text, int? year, int? month, int? day)
    {
        var reading = Datelines.ReadDate(text);

        Assert.Equal(new DateReading(new PartialDate(year, month, day), null), reading);
    }

    [Theory]
    [InlineData("31 June 2019", "a day that month does not have")]
    [InlineData("10/31/2019", "month-first")]
    [InlineData("03/10/19", "two digits")]
    [InlineData("2019-13-03", "not a date")]
    public void A_date_that_can_only_be_half_read_says_why(string text, string reason)
    {
        var reading = Datelines.ReadDate(text);

        Assert.NotNull(reading);
        Assert.Contains(reason, reading.Doubt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("May")]
    [InlineData("Residents of Brook House planted twenty apple trees.")]
    [InlineData("2019 was a good year")]
    public void Words_that_are_not_a_date_are_not_read_as_one(string text)
    {
        Assert.Null(Datelines.ReadDate(text));
    }

    [Fact]
    public void A_posted_on_line_gives_the_date_and_who_posted_it()
    {
        Assert.Equal(new Dateline(new PartialDate(2019, 10, 3), "Newsdesk", null, false), Datelines.Read("Posted on 3 October 2019 by Newsdesk"));
    }

    [Fact]
    public void A_posted_on_line_without_a_year_keeps_its_blog_out_of_the_name()
    {
        Assert.Equal(new Dateline(new PartialDate(null, 6, 14), "editor", null, false), Datelines.Read("Posted on June 14th, by editor in Community news"));
    }

    [Theory]
    [InlineData("Published: 3 October 2019")]
    [InlineData("Published on 3 October 2019")]
    [InlineData("First published 3 October 2019")]
    [InlineData("Date: 03/10/2019")]
    [InlineData("Posted by Newsdesk on 3 October 2019")]
    [InlineData("3 October 2019")]
    public void A_labelled_or_bare_dateline_gives_its_date(string line)
    {
        Assert.Equal(new PartialDate(2019, 10, 3), Datelines.Read(line)!.Date);
    }

    [Fact]
    public void An_update_date_is_marked_as_one()
    {
        Assert.True(Datelines.Read("Last updated: 5 October 2019")!.IsUpdate);
    }

    [Fact]
    public void A_labelled_dateline_that_cannot_be_read_is_still_a_dateline_with_a_doubt()
    {
        var dateline = Datelines.Read("Posted on 3rd Octobre");

        Assert.Equal(PartialDate.Unknown, dateline!.Date);
        Assert.Contains("could not be read", dateline.Doubt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Published today, the report sets out how councils can support carers.")]
    [InlineData("Posted in News")]
    [InlineData("Written by Jane Smith")]
    [InlineData("Twelve new shared lives carers joined our scheme this month.")]
    public void Prose_and_other_lines_are_not_datelines(string line)
    {
        Assert.Null(Datelines.Read(line));
    }
}
