using System.Net;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// HTTPS as the browser sees it, behind a TLS-terminating reverse proxy or not, and cookies that follow from it
/// (docs/security.md, "Cookies and HTTPS", records the decision):
/// <list type="bullet">
/// <item>X-Forwarded-Proto and X-Forwarded-For are believed only from a known proxy (loopback, plus
/// <c>ForwardedHeaders:KnownProxies</c> and <c>KnownNetworks</c>), so the request's scheme, HSTS and the per-client rate limits see the browser's
/// HTTPS and address rather than the proxy's.</item>
/// <item>Every cookie is Secure, except on plain HTTP to this machine itself (http://localhost:5000, the tests),
/// where there is no network to protect and a Secure cookie would simply not come back. A request that came through
/// a proxy, or from another machine, or to any other host name, always gets Secure cookies, so a misconfigured proxy
/// cannot downgrade them.</item>
/// </list>
/// </summary>
public static class TransportSecurity
{
    /// <summary>Settings of the reverse proxy in front: <c>ForwardedHeaders:KnownProxies</c> (addresses) and
    /// <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), believed besides loopback.</summary>
    public const string ProxySection = "ForwardedHeaders";

    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(ProxySection).Get<ProxySettings>() ?? new ProxySettings();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback stays known (a proxy on the same host); one proxy in front, so only the nearest hop is believed.
            options.ForwardLimit = proxies.ForwardLimit;
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.Configure<CookiePolicyOptions>(options =>
        {
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.OnAppendCookie = cookie => cookie.CookieOptions.Secure |= NeedsSecureCookies(cookie.Context);
            options.OnDeleteCookie = cookie => cookie.CookieOptions.Secure |= NeedsSecureCookies(cookie.Context);
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
            options.Preload = false;
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after sees the browser's scheme and address, and every cookie meets the policy.</summary>
    public static IApplicationBuilder UseTransportSecurity(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseCookiePolicy();
        return app;
    }

    public static bool NeedsSecureCookies(HttpContext context) => context.Request.IsHttps || !IsPlainHttpOnThisMachine(context);

    /// <summary>
    /// Plain HTTP between a browser and the portal on the same machine: the browser asked for a loopback name, the
    /// connection comes from loopback (or an in-process test host), and no proxy forwarded it.
    /// </summary>
    public static bool IsPlainHttpOnThisMachine(HttpContext context)
    {
        var request = context.Request;
        var forwarded = request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("X-Forwarded-Proto")
            || request.Headers.ContainsKey("X-Original-For") || request.Headers.ContainsKey("X-Original-Proto") || request.Headers.ContainsKey("Forwarded");
        var remote = context.Connection.RemoteIpAddress;
        return !request.IsHttps && !forwarded && IsLoopbackName(request.Host.Host) && (remote is null || IPAddress.IsLoopback(remote));
    }

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public sealed class ProxySettings
    {
        public string[] KnownProxies { get; set; } = [];

        public string[] KnownNetworks { get; set; } = [];

        /// <summary>How many proxies in front of the app may each add an address (one: the load balancer).</summary>
        public int ForwardLimit { get; set; } = 1;
    }
}
