using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// Limits sign-in form posts per client address (fixed one-minute window), on top of the per-account lockout, so
/// one address cannot try passwords against many accounts. Razor component pages share one endpoint mapping,
/// so this is a global limiter that only counts <c>POST /Account/Login</c>; it is chained with any global limiter
/// another feature has set rather than replacing it.
/// </summary>
public static class SignInRateLimit
{
    public const string LoginPath = "/Account/Login";

    public const string RejectionMessage =
        "Too many sign-in attempts from your network. Wait a minute, then try again.";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            var signIn = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsSignInPost(context.Request))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var limit = context.RequestServices.GetRequiredService<IOptions<AccountsOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            options.GlobalLimiter = options.GlobalLimiter is { } existing ? PartitionedRateLimiter.CreateChained(existing, signIn) : signIn;

            var otherRejections = options.OnRejected;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (!IsSignInPost(context.HttpContext.Request))
                {
                    if (otherRejections is not null)
                    {
                        await otherRejections(context, cancellationToken);
                    }

                    return;
                }

                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(RejectionMessage, cancellationToken);
            };
        });
        return services;
    }

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);
}
