using Microsoft.AspNetCore.DataProtection;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Hosting.SeveralInstances;

/// <summary>
/// The keys that protect sign-in cookies, antiforgery tokens and Identity's tokens live in the store
/// (the DataProtectionKeys table), under one fixed application name, so every instance on the same store
/// reads what any other instance wrote. Left to the defaults, each machine would keep its own keys in its
/// home folder and name the application after its install folder, and a cookie from one instance would be
/// rejected by the next.
/// </summary>
public static class SharedDataProtection
{
    public const string ApplicationName = "SocialCareStories";

    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<StoriesDbContext>();
        builder.Services.AddHostedService<KeyRingWarmUp>();
        return builder;
    }

    /// <summary>
    /// Loads (and on a fresh store creates) the key ring as the instance starts, after the store is migrated,
    /// rather than on the first sign-in: the first instance on a new store writes the key the others then read.
    /// </summary>
    private sealed class KeyRingWarmUp(IDataProtectionProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            provider.CreateProtector(nameof(KeyRingWarmUp)).Protect([1]);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
