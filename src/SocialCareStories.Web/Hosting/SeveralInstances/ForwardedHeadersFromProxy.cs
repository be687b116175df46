using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SocialCareStories.Web.Hosting.SeveralInstances;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy: the client's address (which the sign-in and
/// comment rate limits count by) and the original scheme (which secure cookies and redirects need) arrive in
/// X-Forwarded-For and X-Forwarded-Proto. They are believed only from the proxies named under
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges);
/// with neither set the middleware is not added and the headers are ignored, as anyone could send them.
/// </summary>
public static class ForwardedHeadersFromProxy
{
    public const string Section = "ForwardedHeaders";

    public static WebApplicationBuilder AddForwardedHeadersFromProxy(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(Section).Get<ProxySettings>() ?? new ProxySettings();
        if (settings.KnownProxies.Length == 0 && settings.KnownNetworks.Length == 0)
        {
            return builder;
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardLimit;
            // Only the configured proxies: the defaults trust loopback, which is not the proxy in a deployment.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddSingleton<ForwardedHeadersMarker>();
        return builder;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseForwardedHeadersFromProxy(this WebApplication app)
    {
        if (app.Services.GetService<ForwardedHeadersMarker>() is not null)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    public sealed class ProxySettings
    {
        public string[] KnownProxies { get; set; } = [];

        public string[] KnownNetworks { get; set; } = [];

        /// <summary>How many proxies in front of the app may each add an address (one: the load balancer).</summary>
        public int ForwardLimit { get; set; } = 1;
    }

    private sealed class ForwardedHeadersMarker;
}
