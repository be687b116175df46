using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.Extensions.Primitives;

namespace SocialCareStories.Web.Components;

/// <summary>
/// A page that reads query parameters itself (from <c>HttpContext.Request.Query</c>) names them with this, so the
/// output cache varies by them; parameters bound with <c>[SupplyParameterFromQuery]</c> are found without it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public class ReadsQueryAttribute : Attribute
{
    public ReadsQueryAttribute(params string[] keys) => Keys = keys;

    protected ReadsQueryAttribute(IEnumerable<string> keys) => Keys = [.. keys];

    public IReadOnlyList<string> Keys { get; }
}

/// <summary>
/// The query parameters a public endpoint reads: its page's <c>[SupplyParameterFromQuery]</c> names and its
/// <see cref="ReadsQueryAttribute"/> keys. Anything else in a reader's address is dropped before the page or the
/// output cache sees it (<see cref="PublicPageCaching"/>), so junk parameters neither multiply cache entries nor
/// reach a cached page.
/// </summary>
public static class PageQueryKeys
{
    private static readonly ConcurrentDictionary<Endpoint, string[]> ByEndpoint = new();

    public static IReadOnlyList<string> For(Endpoint endpoint) => ByEndpoint.GetOrAdd(endpoint, Find);

    /// <summary>The request's query with only <paramref name="keys"/>, each with its first value, in a fixed order.</summary>
    public static QueryString Keep(IQueryCollection query, IReadOnlyList<string> keys) =>
        QueryString.Create(keys
            .Where(query.ContainsKey)
            .Select(key => new KeyValuePair<string, string?>(key, query[key] is { Count: > 0 } values ? values[0] : null)));

    public static StringValues VaryBy(Endpoint endpoint) => new([.. For(endpoint)]);

    private static string[] Find(Endpoint endpoint)
    {
        var declared = endpoint.Metadata.GetOrderedMetadata<ReadsQueryAttribute>().SelectMany(a => a.Keys);
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type is { } page)
        {
            declared = declared
                .Concat(page.GetCustomAttributes<ReadsQueryAttribute>(inherit: true).SelectMany(a => a.Keys))
                .Concat(page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    .Select(p => (Property: p, Query: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                    .Where(p => p.Query is not null)
                    .Select(p => p.Query!.Name ?? p.Property.Name));
        }

        return [.. declared.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }
}
