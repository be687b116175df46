using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace SocialCareStories.Web.Components;

/// <summary>
/// Output caching for anonymous readers. Every public page and feed is tagged "content"; whatever changes
/// content (import, publish, edit) evicts the tag, so readers never see a stale page.
/// </summary>
public sealed class ContentCache(IOutputCacheStore store, ILogger<ContentCache> logger)
{
    public const string PolicyName = "PublicContent";
    public const string Tag = "content";

    public async Task InvalidateAsync(CancellationToken cancellationToken = default)
    {
        await store.EvictByTagAsync(Tag, cancellationToken);
        logger.LogInformation("Public page cache cleared");
    }
}

/// <summary>Which requests the output cache may answer, and the Blazor antiforgery-cookie workaround that makes it possible.</summary>
public static class PublicPageCaching
{
    public const string PolicyName = ContentCache.PolicyName;

    public static void AddPolicy(OutputCacheOptions options) => options.AddPolicy(ContentCache.PolicyName, new PublicPagePolicy());

    /// <summary>
    /// Blazor's static rendering sets an antiforgery cookie on every page, just as the response starts
    /// (dotnet/aspnetcore#55534), and a response that sets a cookie must not be cached for everyone. Public
    /// pages post no forms, so for anonymous GETs that cookie is removed again before the headers go out:
    /// this callback is registered before Blazor's, and response-start callbacks run last-registered first.
    /// A page that posts a form opts out with <see cref="PostsFormsAttribute"/>.
    /// </summary>
    public static IApplicationBuilder UsePublicPageCaching(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsCacheablePublicRequest(context))
            {
                context.Response.OnStarting(() =>
                {
                    var cookies = context.Response.Headers.SetCookie;
                    if (cookies.Count > 0)
                    {
                        context.Response.Headers.SetCookie = cookies.Where(c => c is not null && !c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).ToArray();
                    }

                    context.Response.Headers.Remove(HeaderNames.Pragma);
                    context.Response.Headers.CacheControl = "no-cache";
                    return Task.CompletedTask;
                });
            }

            await next(context);
        });
        return app.UseOutputCache();
    }

    private static bool IsCacheablePublicRequest(HttpContext context)
    {
        var request = context.Request;
        var endpoint = context.GetEndpoint();
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && endpoint?.Metadata.GetMetadata<PublicPageMarker>() is not null
            && endpoint.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type.IsDefined(typeof(PostsFormsAttribute), inherit: true) != true;
    }

    /// <summary>Like the default policy: anonymous GETs of public pages, status 200 without cookies, varying by query.</summary>
    private sealed class PublicPagePolicy : IOutputCachePolicy
    {
        private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var cacheable = IsCacheablePublicRequest(context.HttpContext);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = Lifetime;
            context.CacheVaryByRules.QueryKeys = "*";
            context.Tags.Add(ContentCache.Tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}


/// <summary>Endpoint metadata: this endpoint serves public content that anonymous readers may be served from cache.</summary>
public sealed class PublicPageMarker;

/// <summary>A page that posts a form needs its antiforgery cookie, so it is never served from the output cache.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostsFormsAttribute : Attribute;
