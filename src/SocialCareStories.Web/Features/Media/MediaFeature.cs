using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SocialCareStories.Web.Features.Media;

public static partial class MediaFeature
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().Bind(builder.Configuration.GetSection(MediaOptions.Section));
        builder.Services.AddSingleton<ImageProcessor>();
        builder.Services.AddSingleton<IMediaStore, DatabaseMediaStore>();
        builder.Services.AddScoped<MediaLibrary>();
        return builder;
    }

    public static WebApplication MapMedia(this WebApplication app)
    {
        ImageProcessor.ConfigureLibvips(app.Services.GetRequiredService<IOptions<MediaOptions>>().Value);
        // Not output-cached: every address is immutable, so browsers and proxies keep it, and the store answers the rest.
        app.MapGet("/media/{id:int}/{hash}/{file}", ServeAsync);
        return app;
    }

    private static async Task<IResult> ServeAsync(int id, string hash, string file, HttpContext context, MediaLibrary library, CancellationToken cancellationToken)
    {
        var match = RenditionName().Match(file);
        if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var width))
        {
            return Results.NotFound();
        }

        var format = match.Groups[2].Value;
        if (await library.ReadRenditionAsync(id, hash, width, format, cancellationToken) is { } rendition)
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "public, max-age=31536000, immutable";
            headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(rendition.Content, rendition.ContentType);
        }

        // An address from before the file was replaced (a story body keeps it): the current file, at an address
        // that is not itself kept for ever.
        if (await library.CurrentHashAsync(id, hash, cancellationToken) is { } current
            && await library.ReadRenditionAsync(id, current, width, format, cancellationToken) is not null)
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Redirect(MediaAddresses.Of(id, current, width, format));
        }

        return Results.NotFound();
    }

    [GeneratedRegex("^([0-9]{1,5})\\.(webp|jpg)$", RegexOptions.CultureInvariant)]
    private static partial Regex RenditionName();
}
