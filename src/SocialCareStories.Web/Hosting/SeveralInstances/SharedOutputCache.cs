using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SocialCareStories.Web.Hosting.SeveralInstances;

/// <summary>
/// Where the output cache keeps pages: in Redis when <c>Redis:Configuration</c> is set (a StackExchange.Redis
/// configuration string such as <c>redis.internal:6379,password=…</c>), so that <c>ContentCache.InvalidateAsync</c>
/// on any instance evicts the pages every instance serves; in this process's memory otherwise, which is right
/// for one instance and stale for the others when there are several.
/// </summary>
public static class SharedOutputCache
{
    public const string Section = "Redis";

    public static WebApplicationBuilder AddSharedOutputCache(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetSection(Section).Get<RedisSettings>();
        if (!string.IsNullOrWhiteSpace(redis?.Configuration))
        {
            // Replaces the in-memory store AddOutputCache registered, whichever of the two is added first.
            builder.Services.RemoveAll<IOutputCacheStore>();
            builder.Services.AddStackExchangeRedisOutputCache(options =>
            {
                options.Configuration = redis.Configuration;
                options.InstanceName = redis.InstanceName;
            });
        }

        return builder;
    }

    public sealed class RedisSettings
    {
        /// <summary>The StackExchange.Redis configuration string; empty means no Redis.</summary>
        public string? Configuration { get; set; }

        /// <summary>A key prefix, so several portals (or a staging copy) can share one Redis.</summary>
        public string InstanceName { get; set; } = "socialcarestories:";
    }
}
