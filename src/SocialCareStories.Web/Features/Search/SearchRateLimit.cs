using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Hosting;

namespace SocialCareStories.Web.Features.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// How many searches one client (<see cref="ClientPartition"/>) may ask for in ten seconds: far more than a person
    /// types, few enough that one client cannot keep the store busy with uncached searches.
    /// </summary>
    public int RequestsPerClientPerTenSeconds { get; set; } = 30;
}

/// <summary>
/// Limits /search per client. Each new query is an uncached full-text search, so a flood of distinct queries is the
/// cheapest way to load the store; the page carries this policy through <c>[EnableRateLimiting]</c>. The limiter runs
/// before the output cache, so replayed results count too: a person never gets near the limit either way.
/// </summary>
internal sealed class SearchRateLimit(IOptions<SearchOptions> options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "search";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => WriteRefusalAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            ClientPartition.Key(httpContext),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.RequestsPerClientPerTenSeconds, Window = Window, QueueLimit = 0 });

    private static async ValueTask WriteRefusalAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Clamp((int)Math.Ceiling(wait.TotalSeconds), 1, (int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync("""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many searches – SocialCareStories</title></head>
            <body>
            <main>
            <h1>Please wait a moment before searching again</h1>
            <p>We answer a limited number of searches from one connection every few seconds, and yours went over it.</p>
            <p>Try again in a few seconds, or <a href="/stories">browse the stories</a> by subject, year or kind.</p>
            </main>
            </body>
            </html>
            """, cancellationToken);
    }
}
