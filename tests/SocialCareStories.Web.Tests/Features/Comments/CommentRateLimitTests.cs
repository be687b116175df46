using System.Net;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Comments;

public sealed class CommentRateLimitTests(RateLimitedPortalFactory portal) : IClassFixture<RateLimitedPortalFactory>
{
    [Fact]
    public async Task A_client_over_the_limit_is_told_to_wait_and_nothing_more_is_stored()
    {
        var prefix = $"Rate limited {Guid.NewGuid():N}";
        using var client = StaffAccounts.NewClient(portal);

        using var first = await Comments.PostAsync(client, "Eager Reader", $"{prefix} 1");
        using var second = await Comments.PostAsync(client, "Eager Reader", $"{prefix} 2");
        using var third = await Comments.PostAsync(client, "Eager Reader", $"{prefix} 3");
        var refusal = await third.Content.ReadAsStringAsync();
        using var form = await client.GetAsync(new Uri(Comments.FormPath(), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("text/html", third.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 2 comments", refusal, StringComparison.Ordinal);
        Assert.Contains("Your comment was not saved", refusal, StringComparison.Ordinal);
        Assert.Contains($"href=\"/stories/{Comments.StorySlug}\"", refusal, StringComparison.Ordinal);
        Assert.Single(await Comments.WithBodyAsync(portal, $"{prefix} 1"));
        Assert.Single(await Comments.WithBodyAsync(portal, $"{prefix} 2"));
        Assert.Empty(await Comments.WithBodyAsync(portal, $"{prefix} 3"));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
