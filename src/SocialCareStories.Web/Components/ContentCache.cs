using System.Globalization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Components;

/// <summary>
/// Output caching for anonymous readers, and what each change to content evicts. Every cached response is tagged by
/// what it shows (see <see cref="CachedPageTags"/>), so a writer evicts only the pages its change can alter: a
/// comment, its story's page; an edit to a published story's text, its page, the pages that show it and the
/// search results; a story entering or leaving the public site, or moving between lists, every listing too.
/// </summary>
public sealed class ContentCache(IOutputCacheStore store, RelatedCandidates relatedCandidates, Features.Stories.Browsing.StoryFacets facets, ILogger<ContentCache> logger)
{
    public const string PolicyName = "PublicContent";

    /// <summary>Every cached response: evicted when a change is too broad to follow (an import).</summary>
    public const string Tag = "content";

    /// <summary>
    /// Pages that list or count published stories (home, story lists, categories, tags, authors, organisations,
    /// case studies, awards, feeds, sitemaps, search): what a story entering, leaving or moving between lists alters.
    /// Every cached response carries it unless its page says otherwise (a story's page).
    /// </summary>
    public const string ListingsTag = "listings";

    /// <summary>Pages that depend on any published story's text or change time: search results, the sitemap.</summary>
    public const string StoryTextTag = "story-text";

    /// <summary>Pages that show Accolades results: the awards pages, the home page and organisations' pages.</summary>
    public const string AwardsTag = "awards";

    /// <summary>The story's own page (its text, comments, awards).</summary>
    public static string StoryPageTag(int storyId) => $"story:{storyId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Any page showing the story as one of several: a listing's card, a feed entry, a related story.</summary>
    public static string ShowsStoryTag(int storyId) => $"shows:{storyId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Evicts every cached page.</summary>
    public async Task InvalidateAsync(CancellationToken cancellationToken = default)
    {
        relatedCandidates.Forget();
        await facets.ForgetEverywhereAsync(cancellationToken);
        await EvictAsync([Tag], cancellationToken);
    }

    /// <summary>A story's page changed and nothing else (a comment approved or withdrawn).</summary>
    public Task StoryPageChangedAsync(int storyId, CancellationToken cancellationToken = default) =>
        EvictAsync([StoryPageTag(storyId)], cancellationToken);

    /// <summary>
    /// A story that is public, or was, changed: its page and every page showing it, and the search results (its
    /// words changed); when <paramref name="listingsChanged"/> (it was published, unpublished, retitled, filed
    /// differently), every listing too.
    /// </summary>
    public async Task StoriesChangedAsync(IEnumerable<int> storyIds, bool listingsChanged, CancellationToken cancellationToken = default)
    {
        if (listingsChanged)
        {
            // The newest stories of a category or tag are what related stories are ranked from.
            relatedCandidates.Forget();
            await facets.ForgetEverywhereAsync(cancellationToken);
        }

        await EvictAsync(
            [.. storyIds.SelectMany(id => new[] { StoryPageTag(id), ShowsStoryTag(id) }), listingsChanged ? ListingsTag : StoryTextTag],
            cancellationToken);
    }

    /// <summary>Accolades results changed: the pages showing results and the linked stories' pages.</summary>
    public async Task AwardsChangedAsync(IEnumerable<int> linkedStoryIds, CancellationToken cancellationToken = default)
    {
        // Awards are a facet of the story listings.
        await facets.ForgetEverywhereAsync(cancellationToken);
        await EvictAsync([AwardsTag, .. linkedStoryIds.Distinct().Select(StoryPageTag)], cancellationToken);
    }

    private async Task EvictAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags.Distinct())
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }

        logger.LogInformation("Evicted cached public pages tagged {Tags}", tags);
    }
}

/// <summary>
/// What a cached public response shows, as output-cache tags added while it renders. The policy tags every response
/// <see cref="ContentCache.Tag"/> and <see cref="ContentCache.ListingsTag"/>, so a page that says nothing more is
/// evicted by any change that alters a listing; pages narrow or add to that here.
/// </summary>
public static class CachedPageTags
{
    /// <summary>A story's own page: evicted by changes to it and to the stories it shows, not by every listing change.</summary>
    public static void StoryPage(HttpContext? context, int storyId)
    {
        if (Tags(context) is { } tags)
        {
            tags.Remove(ContentCache.ListingsTag);
            tags.Add(ContentCache.StoryPageTag(storyId));
        }
    }

    /// <summary>The page shows this story among others (a card, a feed entry).</summary>
    public static void ShowsStory(HttpContext? context, int storyId) => Add(context, ContentCache.ShowsStoryTag(storyId));

    public static void Add(HttpContext? context, string tag) => Tags(context)?.Add(tag);

    private static HashSet<string>? Tags(HttpContext? context) =>
        context?.Features.Get<IOutputCacheFeature>()?.Context.Tags;
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
                // Only the parameters the page reads stay: the rest would be a new cache entry each (a flood of
                // "?u=N" pushed real pages out), and a page that echoes its own address would cache them for everyone.
                var endpoint = context.GetEndpoint()!;
                context.Request.QueryString = PageQueryKeys.Keep(context.Request.Query, PageQueryKeys.For(endpoint));
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

    /// <summary>Like the default policy: anonymous GETs of public pages, status 200 without cookies, varying by the query parameters the page reads.</summary>
    private sealed class PublicPagePolicy : IOutputCachePolicy
    {
        private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            // A status-code re-execution (the not-found page answering a missing address) is never looked up or kept:
            // a kept page would answer with its own status, and every missing page would become a 200.
            var cacheable = IsCacheablePublicRequest(context.HttpContext)
                && context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null;
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = Lifetime;
            // The query holds only these by now (UsePublicPageCaching); naming them keeps the key to them regardless.
            context.CacheVaryByRules.QueryKeys = context.HttpContext.GetEndpoint() is { } endpoint ? PageQueryKeys.VaryBy(endpoint) : default;
            if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Features.Feeds.AtomFeedMarker>() is not null)
            {
                context.CacheVaryByRules.VaryByValues["feed-for"] = Features.Feeds.FeedInBrowser.CacheVariant(context.HttpContext.Request);
            }
            context.Tags.Add(ContentCache.Tag);
            context.Tags.Add(ContentCache.ListingsTag);
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
