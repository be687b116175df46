using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// What makes the public pages light on a phone (ADR-015): responses compressed with Brotli or gzip, and the site's
/// icons and manifest cached by browsers instead of asked for on every page.
/// </summary>
public static class PublicSite
{
    /// <summary>Text the portal sends: pages, styles, feeds, sitemaps, the manifest and SVG icons.</summary>
    public static readonly string[] CompressedTypes =
    [
        "text/html", "text/css", "text/plain", "text/xml", "text/javascript", "application/javascript",
        "application/json", "application/xml", "application/atom+xml", "application/xslt+xml", "application/manifest+json",
        "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon",
    ];

    /// <summary>Icons have fixed addresses (browsers ask for /favicon.ico by name), so they cannot be fingerprinted.</summary>
    private static readonly HashSet<string> IconPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "/favicon.ico", "/icon.svg", "/apple-touch-icon.png", "/icon-192.png", "/icon-512.png", "/site.webmanifest",
        "/logo.svg", "/images/social-card.png",
    };

    /// <summary>A week: long enough that no page asks again, short enough that a new logo reaches readers.</summary>
    public static readonly TimeSpan IconLifetime = TimeSpan.FromDays(7);

    public static WebApplicationBuilder AddPublicSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            // Safe over HTTPS here (BREACH needs a secret echoed beside attacker-chosen text in one compressed body):
            // cached public pages carry no secret at all, and the pages with forms carry an antiforgery token that
            // ASP.NET Core masks afresh on every response, so its compressed length tells an attacker nothing.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });
        // Optimal (Brotli quality 4, gzip 6), not the providers' default Fastest: a page is compressed on every request
        // (the output cache keeps it uncompressed), and at these levels a 13 KB page costs a fraction of a millisecond
        // while the stylesheet shrinks to a quarter instead of a third.
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>
    /// Before the static files and the output cache: files MapStaticAssets serves precompressed (a published build's
    /// .br/.gz siblings) already carry Content-Encoding and pass through untouched; everything else is compressed here.
    /// </summary>
    public static WebApplication UsePublicSite(this WebApplication app)
    {
        app.UseResponseCompression();
        app.Use((context, next) =>
        {
            if (IconPaths.Contains(context.Request.Path.Value ?? ""))
            {
                var response = context.Response;
                response.OnStarting(() =>
                {
                    if (response.StatusCode == StatusCodes.Status200OK)
                    {
                        response.Headers.CacheControl = $"public, max-age={(int)IconLifetime.TotalSeconds}";
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }
}
