using System.Net;
using System.Text;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Awards;

/// <summary>Who reaches the awards admin over HTTP, signed in through the real form.</summary>
public sealed class AwardsAuthorizationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/admin/awards")]
    [InlineData("/admin/awards/years/1")]
    [InlineData("/admin/awards/years/1/import")]
    [InlineData("/admin/awards/years/1/results.csv")]
    public async Task An_editor_is_refused_every_awards_admin_address(string path)
    {
        using var editor = await StaffAccounts.SignedInAsync(portal, Roles.Editor);

        using var response = await editor.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_the_awards_admin()
    {
        using var anonymous = StaffAccounts.NewClient(portal);

        using var response = await anonymous.GetAsync(new Uri("/admin/awards/years/1/results.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_awards_admin_reaches_the_awards_admin_and_sees_the_draft_year()
    {
        using var admin = await StaffAccounts.SignedInAsync(portal, Roles.AwardsAdmin);

        var html = await admin.GetStringAsync(new Uri("/admin/awards", UriKind.Relative));

        Assert.Contains("Skills for Care Accolades 2016", html, StringComparison.Ordinal);
        Assert.Contains("Draft", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_awards_admin_downloads_a_years_results_as_csv_with_a_byte_order_mark()
    {
        using var admin = await StaffAccounts.SignedInAsync(portal, Roles.AwardsAdmin);
        var document = await admin.GetDocumentAsync("/admin/awards");
        var yearPath = document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h?.StartsWith("/admin/awards/years/", StringComparison.Ordinal) == true);

        using var response = await admin.GetAsync(new Uri($"{yearPath}/results.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Category,Top award,Joint winners,Organisation", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_awards_admin_cannot_reach_the_story_editor()
    {
        using var admin = await StaffAccounts.SignedInAsync(portal, Roles.AwardsAdmin);

        using var response = await admin.GetAsync(new Uri("/admin/stories", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_readers_get_a_404_for_the_draft_year_even_though_it_exists()
    {
        using var response = await portal.CreateClient().GetAsync(new Uri("/awards/2016", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
