using Microsoft.AspNetCore.Diagnostics;
using MudBlazor.Services;

namespace SocialCareStories.Web.Components;

public static class PortalUi
{
    private const string StaticAssetsReloadKey = "ReloadStaticAssetsAtRuntime";

    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        // Serve library assets (MudBlazor's CSS) from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        // Run from a build's output (not a publish), MapStaticAssets patches every asset whose file looks changed since
        // the build so it can be edited live, and that patch sends the whole file for any byte range (206 with the
        // whole body; the gzip variant re-compressed without compression). Ranges must mean what they say, so the
        // patching is off unless a developer turns it on ("ReloadStaticAssetsAtRuntime": true); docs/security.md.
        builder.Configuration[StaticAssetsReloadKey] ??= "false";
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            // The default 32 KB would drop an editor's circuit when a long Markdown body is typed or pasted.
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 1024 * 1024);
        builder.Services.AddMudServices();
        // Features add their own policies (sign-in, comments) with further AddRateLimiter calls.
        builder.Services.AddRateLimiter(options => options.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        builder.Services.AddOutputCache(PublicPageCaching.AddPolicy);
        builder.Services.AddSingleton<ContentCache>();
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseNotFoundPageOnlyForNotFound();

        // MapStaticAssets serves only what the build put in its manifest; this serves files an operator drops
        // into the published wwwroot later (site-verification files, the benchmark's static baseline). It runs
        // before the endpoints and the output cache, so a file never reaches a page or the cache.
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UsePublicPageCaching();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// The status-code page says "we could not find that page", so only a 404 is re-executed into it: a 416 for a range
    /// past the end of a file, a 405 or a 400 stays the bare status it is, never an HTML page about something else.
    /// Runs inside the status-code middleware, so it decides after the endpoint has answered.
    /// </summary>
    private static void UseNotFoundPageOnlyForNotFound(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode != StatusCodes.Status404NotFound && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
        });

    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .WithMetadata(new PublicPageMarker())
            .CacheOutput(ContentCache.PolicyName);
        return app;
    }
}
