using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// Security headers on every response: pages, feeds, static files, redirects, errors and output-cached replays.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContentSecurityPolicy>();
        // The cookie keeps its default name: PublicPageCaching recognises it by that prefix.
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    /// <summary>
    /// First in the pipeline (after TransportSecurity, which never answers a request itself), and applied as the response starts: that way the headers survive the exception
    /// handler and status-code pages (which clear headers), and a page replayed by the output cache gets them too,
    /// because this middleware runs before the cache on every request.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = app.ApplicationServices.GetRequiredService<ContentSecurityPolicy>();
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.ContentSecurityPolicy = policy.Value;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}

/// <summary>
/// The Content-Security-Policy: only what the portal uses. Blazor's only inline script is the import map that
/// <c>&lt;ImportMap /&gt;</c> writes (it maps module names to their fingerprinted files); it is allowed by its
/// SHA-256 hash, computed from the same definition the component renders, so no 'unsafe-inline' script.
/// </summary>
public sealed class ContentSecurityPolicy(EndpointDataSource endpoints)
{
    private readonly Lazy<string> _value = new(() => Build(ImportMapHash(endpoints)));

    public string Value => _value.Value;

    private static string Build(string? importMapHash) => string.Join("; ",
        "default-src 'self'",
        importMapHash is null ? "script-src 'self'" : $"script-src 'self' 'sha256-{importMapHash}'",
        // MudBlazor writes style attributes and <style> blocks at run time (theme variables, popover positions),
        // and the public theme is an inline <style>; CSS cannot run script, so inline styles are the accepted cost.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        // 'self' also covers ws:/wss: to the same host (CSP level 3), which Blazor Server's circuit uses.
        "connect-src 'self'",
        "font-src 'self' data:",
        "object-src 'none'",
        // App.razor sets <base href="/">, so 'none' would block it.
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'");

    /// <summary>
    /// The import map is the same for every page (MapStaticAssets attaches one definition to the component
    /// endpoints), and ImportMap renders exactly its ToString() between the script tags.
    /// </summary>
    private static string? ImportMapHash(EndpointDataSource endpoints)
    {
        var definition = endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<ImportMapDefinition>())
            .FirstOrDefault(d => d is not null);
        return definition is null ? null : Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(definition.ToString())));
    }
}
