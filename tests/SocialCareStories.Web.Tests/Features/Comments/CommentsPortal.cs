using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Comments;

/// <summary>The seeded portal with a comment limit high enough that the tests sharing it never meet it.</summary>
public class CommentsPortalFactory : PortalFactory
{
    protected virtual int CommentsPerTenMinutes => 1_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Comments:PerClientPerTenMinutes", CommentsPerTenMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A portal that takes two comments per client in ten minutes.</summary>
public sealed class RateLimitedPortalFactory : CommentsPortalFactory
{
    protected override int CommentsPerTenMinutes => 2;
}

/// <summary>Leaving comments through the real form, and reading and moderating them in the store.</summary>
public static class Comments
{
    public const string StorySlug = "speak-up-at-the-back-there";

    public static string FormPath(string slug = StorySlug) => $"/stories/{slug}/comment";

    /// <summary>Fills in the comment form as a browser would (antiforgery token and handler name included) and posts it.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string name, string body, string slug = StorySlug, Action<Dictionary<string, string>>? change = null)
    {
        var form = await StaffAccounts.FormFieldsAsync(client, FormPath(slug), "form.comment-form");
        form["Input.Name"] = name;
        form["Input.Body"] = body;
        change?.Invoke(form);
        return await client.PostAsync(new Uri(FormPath(slug), UriKind.Relative), new FormUrlEncodedContent(form));
    }

    public static async Task<List<Comment>> WithBodyAsync(PortalFactory portal, string body)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        return await db.Comments.AsNoTracking().Where(c => c.Body == body).ToListAsync();
    }

    public static async Task<Comment> LeaveAsync(PortalFactory portal, string name, string body)
    {
        using var client = StaffAccounts.NewClient(portal);
        using var response = await PostAsync(client, name, body);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Assert.Single(await WithBodyAsync(portal, body));
    }

    public static ClaimsPrincipal Editor { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "editor-id"), new Claim(ClaimTypes.Name, "editor@example.org"), new Claim("display_name", "Test Editor")],
        "Test"));

    public static async Task<ModerationResult> ModerateAsync(PortalFactory portal, int commentId, ModerationStatus seen, ModerationStatus decision, ClaimsPrincipal? moderator = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommentModeration>().ModerateAsync(commentId, seen, decision, moderator ?? Editor);
    }
}
