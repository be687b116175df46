using SocialCareStories.Web.Features.Import.Conventions;

namespace SocialCareStories.Web.Tests.Features.Import;

public class BylinesTests
{
    [Theory]
    [InlineData("By Joanne Harding", "Joanne Harding")]
    [InlineData("by Vidhya Alakeson", "Vidhya Alakeson")]
    [InlineData("  By Anne-Marie O’Neill  ", "Anne-Marie O’Neill")]
    [InlineData("By Ludwig van Beethoven", "Ludwig van Beethoven")]
    public void A_plain_byline_names_one_author(string line, string name)
    {
        Assert.Equal([name], Bylines.PlainByline(line));
    }

    [Fact]
    public void Two_authors_joined_by_an_ampersand_are_both_named()
    {
        string[] expected = ["David Watts", "Brendan Clifford"];

        Assert.Equal(expected, Bylines.PlainByline("By David Watts & Brendan Clifford"));
    }

    [Fact]
    public void Two_authors_joined_by_and_are_both_named()
    {
        string[] expected = ["David Watts", "Brendan Clifford"];

        Assert.Equal(expected, Bylines.PlainByline("By David Watts and Brendan Clifford"));
    }

    [Theory]
    [InlineData("By 2009 the redundancies had freed more people.")]
    [InlineData("By providing every manager with a coach.")]
    [InlineData("By Caring Times editor GEOFF HODGSON")]
    [InlineData("Joanne Harding")]
    [InlineData("By Madonna")]
    public void Prose_that_opens_with_by_is_not_a_byline(string line)
    {
        Assert.Null(Bylines.PlainByline(line));
    }

    [Fact]
    public void A_name_dash_role_comma_organisation_line_gives_all_three()
    {
        var author = Bylines.NameRoleOrganisation("Edel Harris – Chief Executive, Cornerstone");

        Assert.Equal(new("Edel Harris", "Chief Executive", "Cornerstone"), author);
    }

    [Fact]
    public void A_name_dash_role_without_organisation_is_not_a_name_role_organisation_line()
    {
        Assert.Null(Bylines.NameRoleOrganisation("David Watts – Director of Adult Services"));
    }

    [Fact]
    public void A_byline_with_an_organisation_gives_name_and_organisation()
    {
        var author = Bylines.NameCommaOrganisation("by Jim Thomas, Skills for Care");

        Assert.Equal(new("Jim Thomas", Organisation: "Skills for Care"), author);
    }

    [Theory]
    [InlineData("By guest blogger Debbie Sorkin,", "Debbie Sorkin")]
    [InlineData("By guest blogger Debbie Sorkin", "Debbie Sorkin")]
    [InlineData("By Guest Blogger JEF SMITH", "JEF SMITH")]
    public void A_guest_blogger_line_names_the_blogger(string line, string name)
    {
        Assert.Equal(name, Bylines.GuestBlogger(line));
    }

    [Theory]
    [InlineData("Richard Banks looks ahead to this year’s conference.", "Richard Banks")]
    [InlineData("Guest Blogger Cedi Frederick, former social care Chief Executive, challenges the sector.", "Cedi Frederick")]
    public void A_standfirst_names_the_author_it_opens_with(string line, string name)
    {
        Assert.Equal(name, Bylines.StandfirstAuthor(line));
    }

    [Fact]
    public void A_role_at_an_organisation_is_split_and_loses_the_article()
    {
        var (role, organisation) = Bylines.RoleAtOrganisation("National Director of Systems Leadership at the Leadership Centre");

        Assert.Equal("National Director of Systems Leadership", role);
        Assert.Equal("Leadership Centre", organisation);
    }

    [Fact]
    public void A_role_without_an_organisation_keeps_the_whole_line_as_the_role()
    {
        var (role, organisation) = Bylines.RoleAtOrganisation("Retired social worker,");

        Assert.Equal("Retired social worker", role);
        Assert.Null(organisation);
    }
}
