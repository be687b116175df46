using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// The change-password form checks the current password, so a stolen session could use it to guess the password
/// (25 guesses in 6 seconds were taken before). Wrong current passwords count towards the same per-client lockout as
/// sign-in (<see cref="SignInFailures"/>); on top, each account may post the form <see cref="PermitsPerMinute"/> times a
/// minute. Showing the form is never limited.
/// </summary>
internal sealed class ChangePasswordRateLimit : IRateLimiterPolicy<string>
{
    public const string PolicyName = "change-password";
    public const int PermitsPerMinute = 10;

    public const string RejectionMessage = "Too many attempts to change your password. Wait a minute, then try again.";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => WriteRefusalAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("reading");
        }

        var account = httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(
            account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
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
