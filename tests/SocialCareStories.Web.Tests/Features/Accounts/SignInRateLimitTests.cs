using System.Net;
using Microsoft.AspNetCore.Hosting;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>A portal that allows three sign-in attempts a minute from one address.</summary>
public sealed class ThreeSignInAttemptsPortal : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:SignInAttemptsPerMinute", "3");
    }
}

public sealed class SignInRateLimitTests(ThreeSignInAttemptsPortal portal) : IClassFixture<ThreeSignInAttemptsPortal>
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_are_told_to_wait_while_pages_still_load()
    {
        using var client = StaffAccounts.NewClient(portal);
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await StaffAccounts.SignInAsync(client, "someone@example.org", $"guess number {attempt}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(SignInRateLimit.RejectionMessage, await response.Content.ReadAsStringAsync());
                Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            }
        }

        using var signInPage = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        using var homePage = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (signInPage.StatusCode, homePage.StatusCode));
    }
}
