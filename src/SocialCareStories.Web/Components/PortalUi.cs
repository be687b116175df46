using MudBlazor.Services;

namespace SocialCareStories.Web.Components;

public static class PortalUi
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        // Serve library assets (MudBlazor's CSS) from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
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

    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .WithMetadata(new PublicPageMarker())
            .CacheOutput(ContentCache.PolicyName);
        return app;
    }
}
