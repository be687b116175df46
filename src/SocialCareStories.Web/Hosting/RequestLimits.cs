using Microsoft.AspNetCore.Http.Features;
using SocialCareStories.Web.Features.Shared;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// Request limits chosen for what the portal actually receives, not left at the framework's defaults (30 MB bodies,
/// 4 MB form values). Readers and staff post only small forms (sign-in, a comment of at most 5,000 characters,
/// a password change); the awards CSV (at most 1 MB) and the editor's text travel over the interactive circuit,
/// whose messages are capped separately (1 MB, PortalUi).
/// </summary>
public static class RequestLimits
{
    /// <summary>Room for the largest circuit message (1 MB) should the circuit fall back to long polling.</summary>
    public const long MaxRequestBodyBytes = 2 * 1024 * 1024;

    /// <summary>A comment is at most 5,000 characters; no form field needs more than this.</summary>
    public const int MaxFormValueLength = 64 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 100;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.ValueLengthLimit = MaxFormValueLength;
            form.ValueCountLimit = 100;
            form.KeyLengthLimit = 1024;
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            form.MultipartHeadersLengthLimit = 16 * 1024;
        });
        return builder;
    }

    public const string NulInAddressMessage = "Bad request: the address holds a NUL character (%00), which no page of this portal takes.";

    /// <summary>
    /// An address with a NUL (%00) in its path or query is a bad request, answered before any page sees it: no
    /// search, filter or slug holds one, and on PostgreSQL a NUL cannot even be looked up (<see cref="NulCharacters"/>).
    /// </summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!HasNul(context.Request))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(NulInAddressMessage, context.RequestAborted);
        });
        return app;
    }

    // Only "%00" decodes to NUL (a raw one never gets past Kestrel), so the query is parsed only when it has one.
    // Kestrel itself refuses a path with %00; the path is checked for servers that do not (the tests' TestServer).
    private static bool HasNul(HttpRequest request) =>
        NulCharacters.In(request.Path.Value)
        || (request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            && request.Query.Any(pair => NulCharacters.In(pair.Key) || pair.Value.Any(NulCharacters.In)));
}