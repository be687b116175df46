using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// /health/live answers while the process serves (no dependencies, so a busy store never gets it restarted);
/// /health/ready also checks that the store opens and answers a query. Both are anonymous, GET only and
/// never cached (the health-check middleware sends no-store, and they carry no output-cache policy).
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHealthEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        Map(app, "/health/live", _ => false);
        Map(app, "/health/ready", check => check.Tags.Contains(ReadyTag));
        return app;
    }

    private static void Map(WebApplication app, string path, Func<HealthCheckRegistration, bool> predicate) =>
        app.MapHealthChecks(path, new HealthCheckOptions { Predicate = predicate })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowAnonymous();
}

/// <summary>Ready when the store's database opens and its stories table can be read.</summary>
public sealed class StoreHealthCheck(IDbContextFactory<StoriesDbContext> contextFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Stories.AsNoTracking().Select(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store cannot be read.", ex);
        }
    }
}
