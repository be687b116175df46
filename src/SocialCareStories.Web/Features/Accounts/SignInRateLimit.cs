using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Hosting;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// Limits sign-in form posts per client address (fixed one-minute window), on top of the per-account lockout, so
/// one address cannot try passwords against many accounts. The sign-in page carries this policy through
/// <c>[EnableRateLimiting]</c> (Razor component endpoints carry their page's attributes as metadata); showing the
/// form is never limited, only the POST that sends it.
/// </summary>
internal sealed class SignInRateLimit(IOptions<AccountsOptions> options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "sign-in";

    public const string RejectionMessage =
        "Too many sign-in attempts from your network. Wait a minute, then try again.";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => WriteRefusalAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("reading");
        }

        var limit = options.Value.SignInAttemptsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(
            ClientPartition.Key(httpContext),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    private static async ValueTask WriteRefusalAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(RejectionMessage, cancellationToken);
    }
}
