namespace SocialCareStories.Web.Hosting;

/// <summary>
/// The site has no configured public host: feeds, sitemaps, robots.txt and Blazor's navigation build absolute
/// addresses from the request's Host header. A header that is no host at all (empty, <c>xn--zz</c>, <c>a..b</c>,
/// <c>x:99999</c>) made them throw (<see cref="UriFormatException"/>) and answer 500 with a stack trace in the log.
/// Such a request is refused here with 400, once, before anything reads the host; the request log line says so.
/// </summary>
public static class MalformedRequests
{
    public const string BadHostMessage = "Bad request: the Host header is not a host name.";

    /// <summary>After the security headers and the request log, so the refusal carries the one and shows in the other.</summary>
    public static WebApplication RefuseMalformedRequests(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Health probes from a load balancer may send no Host (HTTP/1.0); they never build an address from it.
            // The raw header, because Request.Host itself throws on some of these (xn--zz fails IDN decoding).
            if (!context.Request.Path.StartsWithSegments("/health") && !IsUsableHost(context.Request.Scheme, context.Request.Headers.Host.ToString()))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(BadHostMessage);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>True when an absolute address can be made from the Host header, exactly as the pages make it.</summary>
    public static bool IsUsableHost(string scheme, string hostHeader)
    {
        if (string.IsNullOrWhiteSpace(hostHeader))
        {
            return false;
        }

        try
        {
            var host = HostString.FromUriComponent(hostHeader);
            return !string.IsNullOrWhiteSpace(host.Host)
                && Uri.TryCreate($"{scheme}://{host.ToUriComponent()}/", UriKind.Absolute, out var uri)
                && uri.IdnHost.Length > 0
                && uri.Host.Length > 0;
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException)
        {
            return false;
        }
    }
}
