namespace SocialCareStories.Web.Features.Comments;

public static class CommentsFeature
{
    /// <summary>Readers' comment form, its rate limit, and the moderation queue's service.</summary>
    public static WebApplicationBuilder AddComments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommentOptions>()
            .Bind(builder.Configuration.GetSection(CommentOptions.Section))
            .Validate(o => o.PerClientPerTenMinutes > 0, "Comments:PerClientPerTenMinutes must be at least 1.");
        builder.Services.AddScoped<CommentSubmission>();
        builder.Services.AddScoped<CommentModeration>();
        builder.Services.AddRateLimiter(options => options.AddPolicy<string, CommentPostingLimit>(CommentPostingLimit.PolicyName));
        return builder;
    }
}

public sealed class CommentOptions
{
    public const string Section = "Comments";

    /// <summary>How many comments one client address may post in any ten minutes.</summary>
    public int PerClientPerTenMinutes { get; set; } = 5;
}
