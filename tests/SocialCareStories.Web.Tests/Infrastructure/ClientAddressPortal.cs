using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>
/// A portal whose test clients can each come from their own address: the in-memory test server has no network,
/// so the first thing in the pipeline takes the client's address from the <see cref="Header"/> request header.
/// </summary>
public sealed class ClientAddressPortal : PortalFactory
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>A client that keeps cookies, does not follow redirects and arrives from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address)
    {
        // Over HTTPS: from an address other than loopback, cookies are Secure (ADR-006) and would not come back over HTTP.
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, AddressFromHeader>());
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
