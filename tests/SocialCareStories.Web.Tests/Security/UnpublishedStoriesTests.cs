using System.Net;
using System.Text.RegularExpressions;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Security;

/// <summary>
/// Nothing about an unpublished story (a draft, a story scheduled for later, one unpublished again) reaches a reader:
/// every public page, feed and sitemap is the same, byte for byte apart from clock times, on the seeded portal with
/// those stories as on the seeded portal without them, so no title, name, tag, organisation, link or count gives them away;
/// and every address of theirs is not found.
/// </summary>
public sealed partial class UnpublishedStoriesTests(DraftOnlyPortalFactory withHidden, PortalFactory without)
    : IClassFixture<DraftOnlyPortalFactory>, IClassFixture<PortalFactory>
{
    public static TheoryData<string> PublicAddresses => new()
    {
        "/",
        "/stories",
        "/stories?kind=case-study",
        "/stories?collection=fabulous-stuff",
        "/stories?organisation=certitude",
        "/stories/speak-up-at-the-back-there",
        "/case-studies",
        "/case-studies?organisation=certitude",
        "/case-studies/we-care-academy",
        "/categories",
        "/categories/social-care",
        "/tags",
        "/tags/fabulous-stuff",
        "/authors",
        "/authors/richard-banks",
        "/organisations",
        "/organisations/certitude",
        "/awards",
        "/awards/2015",
        "/search?q=draft",
        "/search?q=trust",
        "/search?q=care",
        "/search?q=scheduled",
        "/search?q=withdrawn",
        "/search?q=care&kind=case-study",
        "/feed.xml",
        "/categories/social-care/feed.xml",
        "/sitemap.xml",
        "/sitemaps/pages.xml",
        "/sitemaps/other.xml",
        "/sitemaps/stories-1.xml",
        "/robots.txt",
    };

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public async Task A_public_address_reads_the_same_whether_or_not_unpublished_stories_exist(string address)
    {
        var (expectedStatus, expected) = await ReadAsync(without, address);
        var (status, actual) = await ReadAsync(withHidden, address);

        Assert.Equal(expectedStatus, status);
        Assert.All(withHidden.AllSecrets, secret => Assert.DoesNotContain(secret, actual, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Normalised(expected), Normalised(actual));
    }

    [Fact]
    public async Task Every_address_of_an_unpublished_story_and_of_what_only_it_names_is_not_found()
    {
        var addresses = new List<string>
        {
            $"/stories/{withHidden.StorySlug}",
            $"/stories/{withHidden.StorySlug}/comment",
            $"/case-studies/{withHidden.CaseStudySlug}",
            $"/tags/{DraftOnlyPortalFactory.TagSlug}",
            $"/authors/{DraftOnlyPortalFactory.AuthorSlug}",
            $"/organisations/{DraftOnlyPortalFactory.OrganisationSlug}",
        };
        foreach (var slug in withHidden.HiddenSlugs)
        {
            addresses.AddRange([$"/stories/{slug}", $"/case-studies/{slug}", $"/tags/{slug}", $"/authors/{slug}", $"/organisations/{slug}"]);
        }

        foreach (var address in addresses)
        {
            var (status, body) = await ReadAsync(withHidden, address);
            Assert.True(status == HttpStatusCode.NotFound, $"{address} answered {status}");
            // The not-found page's skip link repeats the address asked for: that is the asker's own text.
            var page = body.Replace(address, "", StringComparison.Ordinal);
            Assert.All(withHidden.AllSecrets, secret => Assert.False(page.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{address} shows '{secret}'"));
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadAsync(PortalFactory portal, string address)
    {
        using var response = await portal.CreateClient().GetAsync(new Uri(address, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The two portals were seeded moments apart and keep their own Data Protection keys: clock times (feed and sitemap
    /// stamps) and Blazor's encrypted component state may differ, nothing else.
    /// </summary>
    private static string Normalised(string body) => ComponentState().Replace(Timestamp().Replace(body, "TIME"), "STATE");

    [GeneratedRegex(@"Component-State:[A-Za-z0-9+/=_-]+")]
    private static partial Regex ComponentState();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Timestamp();
}
