using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Hosting;

namespace SocialCareStories.Web.Features.Comments;

/// <summary>
/// Limits how many comments one client (ClientPartition: an IPv6 /64 is one client) may post. The comment page carries this policy through
/// <c>[EnableRateLimiting]</c>; its GET (showing the form) is never limited, only the POST that sends it.
/// Behind a reverse proxy the client address is the proxy's unless forwarded headers are configured.
/// </summary>
internal sealed class CommentPostingLimit(IOptions<CommentOptions> options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "comments";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => WriteRefusalAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("reading");
        }

        var limit = options.Value.PerClientPerTenMinutes;
        return RateLimitPartition.GetSlidingWindowLimiter(
            ClientPartition.Key(httpContext),
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = Window,
                SegmentsPerWindow = 10,
                QueueLimit = 0,
            });
    }

    /// <summary>A readable page rather than a bare status: the reader learns nothing was saved and when to try again.</summary>
    private async ValueTask WriteRefusalAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var slug = context.HttpContext.Request.RouteValues["Slug"] as string;
        var back = slug is null ? "/" : $"/stories/{Uri.EscapeDataString(slug)}";
        await response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many comments – SocialCareStories</title></head>
            <body>
            <main>
            <h1>Please wait before commenting again</h1>
            <p>We accept at most {{options.Value.PerClientPerTenMinutes}} comments from one connection in ten minutes. Your comment was not saved.</p>
            <p>Please try again in a few minutes: your browser's Back button returns to the form with your text still in it.</p>
            <p><a href="{{WebUtility.HtmlEncode(back)}}">Back to the story</a></p>
            </main>
            </body>
            </html>
            """, cancellationToken);
    }
}
