using SocialCareStories.Web.Features.Import;
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

    [Theory]
    [InlineData("By Marcus Hale, Head of Commissioning, Northfield Council", "Marcus Hale", "Head of Commissioning", "Northfield Council")]
    [InlineData("By Jane Smith, Chief Executive", "Jane Smith", "Chief Executive", null)]
    [InlineData("by Jim Thomas, Skills for Care", "Jim Thomas", null, "Skills for Care")]
    [InlineData("By Jane Smith, Registered Manager at the Oakwood Care Home", "Jane Smith", "Registered Manager", "Oakwood Care Home")]
    [InlineData("Amara Okafor – Service Manager, Hillside Supported Living", "Amara Okafor", "Service Manager", "Hillside Supported Living")]
    [InlineData("Amara Okafor - Service Manager, Hillside Supported Living", "Amara Okafor", "Service Manager", "Hillside Supported Living")]
    [InlineData("Amara Okafor — Service Manager", "Amara Okafor", "Service Manager", null)]
    [InlineData("By Amara Okafor – Service Manager, Hillside Supported Living", "Amara Okafor", "Service Manager", "Hillside Supported Living")]
    [InlineData("Written by Jane Smith", "Jane Smith", null, null)]
    [InlineData("Author: Jane Smith", "Jane Smith", null, null)]
    [InlineData("Words by Jane Smith", "Jane Smith", null, null)]
    public void A_byline_gives_name_role_and_organisation_as_written(string line, string name, string? role, string? organisation)
    {
        var byline = Bylines.Read(line);

        Assert.NotNull(byline);
        Assert.Equal(new ImportedAuthor(name, role, organisation), Assert.Single(byline.Authors));
        Assert.Null(byline.Doubt);
    }

    [Fact]
    public void A_byline_lists_every_author_it_names()
    {
        string[] expected = ["Jane Smith", "Tom Lee", "Ann Ray"];

        Assert.Equal(expected, Bylines.Read("By Jane Smith, Tom Lee and Ann Ray")!.Authors.Select(a => a.Name));
    }

    [Theory]
    [InlineData("By Newsdesk")]
    [InlineData("By News desk")]
    [InlineData("By Editor")]
    [InlineData("by editor")]
    [InlineData("By Admin")]
    [InlineData("By Staff writer")]
    [InlineData("By Web team")]
    [InlineData("By Communications team")]
    [InlineData("By the Northfield Council press office")]
    [InlineData("Author: Newsdesk")]
    public void A_desk_name_is_a_byline_without_an_author(string line)
    {
        var byline = Bylines.Read(line);

        Assert.NotNull(byline);
        Assert.Empty(byline.Authors);
        Assert.Null(byline.Doubt);
    }

    [Theory]
    [InlineData("By the team at Elm Court", "names no person")]
    [InlineData("By Northfield Council", "names an organisation, not a person")]
    [InlineData("By Madonna", "names no person")]
    public void A_byline_that_names_no_person_gives_no_author_and_says_why(string line, string reason)
    {
        var byline = Bylines.Read(line);

        Assert.NotNull(byline);
        Assert.Empty(byline.Authors);
        Assert.Equal($"The byline '{line}' {reason}.", byline.Doubt);
    }

    [Theory]
    [InlineData("By 2009 the redundancies had freed more people.")]
    [InlineData("By providing every manager with a coach.")]
    [InlineData("By working with the school next door, residents found a new reason to go outside every single day")]
    [InlineData("Residents of Brook House planted twenty apple trees.")]
    [InlineData("Authors we love")]
    [InlineData("Words matter in social care")]
    [InlineData("Bygones Club meets on Fridays")]
    public void Prose_is_not_read_as_a_byline(string line)
    {
        Assert.Null(Bylines.Read(line));
    }

    [Fact]
    public void A_guest_blogger_byline_asks_for_the_role_line_that_follows()
    {
        var byline = Bylines.Read("By guest blogger Priya Natarajan,");

        Assert.True(byline!.RoleFollows);
        Assert.Equal("Priya Natarajan", Assert.Single(byline.Authors).Name);
    }

    [Theory]
    [InlineData("Registered Manager, Willow Lodge Care Home", true, "Registered Manager", "Willow Lodge Care Home")]
    [InlineData("Registered Manager at the Oakwood Care Home", false, "Registered Manager", "Oakwood Care Home")]
    [InlineData("Retired social worker,", true, "Retired social worker", null)]
    public void A_role_line_gives_role_and_organisation(string line, bool asked, string role, string? organisation)
    {
        Assert.Equal((role, organisation), Bylines.RoleLine(line, asked));
    }

    [Theory]
    [InlineData("A sunny day in Brook House", false)]
    [InlineData("It was the best day of the year.", true)]
    public void A_line_that_names_no_role_is_not_a_role_line(string line, bool asked)
    {
        Assert.Null(Bylines.RoleLine(line, asked));
    }
}
