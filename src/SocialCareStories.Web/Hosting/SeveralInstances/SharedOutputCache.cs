using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

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
        if (string.IsNullOrWhiteSpace(redis?.Configuration))
        {
            return builder;
        }

        var connection = ConfigurationOptions.Parse(redis.Configuration);
        // Redis down must not hold the portal up: keep reconnecting in the background, and fail a command at once
        // while disconnected rather than queue it for five seconds, so a page renders uncached instead of waiting.
        connection.AbortOnConnectFail = false;
        connection.BacklogPolicy = BacklogPolicy.FailFast;
        // The in-memory store AddOutputCache registered goes; the Redis store takes its place, behind ResilientOutputCacheStore.
        builder.Services.RemoveAll<IOutputCacheStore>();
        builder.Services.AddStackExchangeRedisOutputCache(options =>
        {
            options.ConfigurationOptions = connection;
            options.InstanceName = redis.InstanceName;
        });

        var redisStore = builder.Services.Single(d => d.ServiceType == typeof(IOutputCacheStore));
        builder.Services.RemoveAll<IOutputCacheStore>();
        builder.Services.AddSingleton<IOutputCacheStore>(services => new ResilientOutputCacheStore(
            Create(redisStore, services), services.GetRequiredService<ILogger<ResilientOutputCacheStore>>(), services.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private static IOutputCacheStore Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        (IOutputCacheStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    public sealed class RedisSettings
    {
        /// <summary>The StackExchange.Redis configuration string; empty means no Redis.</summary>
        public string? Configuration { get; set; }

        /// <summary>A key prefix, so several portals (or a staging copy) can share one Redis.</summary>
        public string InstanceName { get; set; } = "socialcarestories:";
    }
}

/// <summary>
/// The Redis store, but a Redis that cannot be reached is a cache miss, not a failed page or a failed publish:
/// lookups miss, pages are not stored, and an eviction that cannot reach Redis is logged (the change itself is
/// already saved; other instances may serve the old page until it expires). Problems are logged at most once a minute.
/// </summary>
public sealed class ResilientOutputCacheStore(IOutputCacheStore inner, ILogger<ResilientOutputCacheStore> logger, TimeProvider clock)
    : IOutputCacheStore, IOutputCacheBufferStore
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private long _lastLoggedTicks;

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            // Not throttled: every missed eviction means pages that may be stale until they expire.
            logger.LogError(e, "Could not evict cached pages tagged {Tag} in Redis; other instances may serve them until they expire", tag);
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.GetAsync(key, cancellationToken);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Unavailable(e);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Unavailable(e);
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is not IOutputCacheBufferStore buffers)
        {
            var value = await GetAsync(key, cancellationToken);
            if (value is null)
            {
                return false;
            }

            await destination.WriteAsync(value, cancellationToken);
            return true;
        }

        try
        {
            return await buffers.TryGetAsync(key, destination, cancellationToken);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Unavailable(e);
            return false;
        }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            if (inner is IOutputCacheBufferStore buffers)
            {
                await buffers.SetAsync(key, value, tags, validFor, cancellationToken);
            }
            else
            {
                await inner.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
            }
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Unavailable(e);
        }
    }

    /// <summary>Redis's own failures; a SCAN over a lost connection arrives wrapped in an AggregateException.</summary>
    private static bool IsRedisFailure(Exception e) =>
        e is RedisException or RedisTimeoutException
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsRedisFailure));

    private void Unavailable(Exception e)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLoggedTicks);
        if (now - last >= LogEvery.Ticks && Interlocked.CompareExchange(ref _lastLoggedTicks, now, last) == last)
        {
            logger.LogWarning(e, "Redis is unavailable; pages are served uncached until it is back");
        }
    }
}
