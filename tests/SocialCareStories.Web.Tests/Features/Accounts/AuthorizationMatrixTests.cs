using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>
/// Who may open what, checked against the app's own route table: every /admin route and every POST endpoint is
/// requested as each kind of visitor. A route nobody has put in the table fails the test, so a page added later
/// cannot slip through unchecked.
/// </summary>
public sealed class AuthorizationMatrixTests(PortalFactory portal, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Visitors = [Anonymous, Roles.Editor, Roles.AwardsAdmin, Roles.Admin];
    private static readonly string[] Everyone = Visitors;

    /// <summary>Who gets in, by route prefix; the longest matching prefix decides. "/admin" itself matches only exactly.</summary>
    private static readonly Dictionary<string, string[]> WhoGetsIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/admin"] = [Roles.Editor, Roles.AwardsAdmin, Roles.Admin],
        ["/admin/stories"] = [Roles.Editor, Roles.Admin],
        ["/admin/comments"] = [Roles.Editor, Roles.Admin],
        ["/admin/media"] = [Roles.Editor, Roles.Admin],
        ["/admin/awards"] = [Roles.AwardsAdmin, Roles.Admin],
        ["/admin/audit"] = [Roles.Admin],
        ["/admin/categories"] = [Roles.Admin],
        ["/admin/users"] = [Roles.Admin],
        // Signing out needs no role (its antiforgery token is what protects it).
        ["/Account/Logout"] = Everyone,
    };

    /// <summary>Signed-in pages outside /admin that any account may open, but no anonymous visitor.</summary>
    private static readonly string[] PersonalPages = ["/Account/Manage"];

    private sealed record Checked(string Method, string Path, string Route);

    [Fact]
    public async Task Every_admin_route_and_post_endpoint_lets_in_exactly_the_roles_the_table_names()
    {
        var routes = await RoutesToCheckAsync();
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = StaffAccounts.NewClient(portal) };
        foreach (var role in Roles.All)
        {
            clients[role] = await StaffAccounts.SignedInAsync(portal, role);
        }

        var problems = new List<string>();
        foreach (var route in routes)
        {
            if (ExpectedFor(route.Route) is not { } allowed)
            {
                problems.Add($"{route.Method} {route.Route} is not in the expected table: add who may use it.");
                continue;
            }

            foreach (var visitor in Visitors)
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(route.Path, UriKind.Relative));
                if (route.Method == HttpMethods.Post)
                {
                    request.Content = new FormUrlEncodedContent([new("probe", "1")]);
                }

                using var response = await clients[visitor].SendAsync(request);
                var outcome = Describe(response);
                output.WriteLine($"{route.Method} {route.Path} as {visitor}: {outcome}");
                var expected = allowed.Contains(visitor) ? "in" : visitor == Anonymous ? "sent to sign in" : "denied";
                if (outcome != expected)
                {
                    problems.Add($"{route.Method} {route.Path} as {visitor}: expected {expected}, got {outcome} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.Contains(routes, r => r.Route == "/admin/users");
        Assert.Contains(routes, r => r.Route == "/admin/audit");
        Assert.Contains(routes, r => r.Route == "/admin/categories");
        Assert.Contains(routes, r => r.Route == "/Account/Logout");
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_admin_page_names_the_roles_it_allows()
    {
        var adminPages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .Where(p => p.Template.StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.NotEmpty(adminPages);
        Assert.All(adminPages, page =>
            Assert.True(
                page.Type.GetCustomAttributes<AuthorizeAttribute>().Any(a => !string.IsNullOrWhiteSpace(a.Roles)),
                $"{page.Type.Name} ({page.Template}) has no [Authorize(Roles = …)]."));
    }

    [Fact]
    public async Task No_public_page_asks_a_reader_to_sign_in()
    {
        var publicRoutes = RouteEndpoints()
            .Where(e => AllowsGet(e) && !IsFramework(e))
            .Select(e => e.RoutePattern.RawText!)
            .Where(r => !r.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) && !PersonalPages.Any(p => IsUnder(r, p)))
            .Distinct()
            .ToList();
        var withAuthorize = RouteEndpoints()
            .Where(e => publicRoutes.Contains(e.RoutePattern.RawText!) && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        using var anonymous = StaffAccounts.NewClient(portal);
        var sentToSignIn = new List<string>();
        foreach (var route in publicRoutes)
        {
            var path = await SamplePathAsync(RoutePatternFactory.Parse(route));
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            if (Describe(response) == "sent to sign in")
            {
                sentToSignIn.Add(path);
            }
        }

        Assert.Contains("/stories/{Slug}", publicRoutes);
        Assert.Empty(withAuthorize);
        Assert.Empty(sentToSignIn);
    }

    private IEnumerable<RouteEndpoint> RouteEndpoints() =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    /// <summary>Every /admin route (with its method) and every POST endpoint that is not a page or the framework's own.</summary>
    private async Task<List<Checked>> RoutesToCheckAsync()
    {
        var routes = new List<Checked>();
        foreach (var endpoint in RouteEndpoints().Where(e => !IsFramework(e)))
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var isAdmin = IsUnder(route, "/admin");
            var method = AllowsGet(endpoint) ? HttpMethods.Get : HttpMethods.Post;
            // A page's form posts go to the page's own endpoint and meet the same authorization as its GET.
            var isPostEndpoint = !isPage && Methods(endpoint).Contains(HttpMethods.Post);
            if (isAdmin || isPostEndpoint)
            {
                routes.Add(new Checked(isPostEndpoint && !isAdmin ? HttpMethods.Post : method, await SamplePathAsync(endpoint.RoutePattern), route));
            }
        }

        // Posts last: a sign-out that got through would end the sessions the other checks need.
        return routes.DistinctBy(r => (r.Method, r.Route))
            .OrderBy(r => r.Method == HttpMethods.Post)
            .ThenBy(r => r.Route, StringComparer.Ordinal)
            .ToList();
    }

    private static string[]? ExpectedFor(string route)
    {
        if (route.Equals("/admin", StringComparison.OrdinalIgnoreCase))
        {
            return WhoGetsIn["/admin"];
        }

        return WhoGetsIn
            .Where(p => p.Key != "/admin" && IsUnder(route, p.Key))
            .OrderByDescending(p => p.Key.Length)
            .Select(p => p.Value)
            .FirstOrDefault();
    }

    /// <summary>"in" when the visitor reached the endpoint (whatever it then answered), else where they were sent.</summary>
    private static string Describe(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode is HttpStatusCode.Unauthorized || (IsRedirect(response) && location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)))
        {
            return "sent to sign in";
        }

        if (response.StatusCode is HttpStatusCode.Forbidden || (IsRedirect(response) && location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)))
        {
            return "denied";
        }

        return "in";
    }

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400;

    /// <summary>The route with a sample value for each parameter: a seeded story's slug for a slug, else 1.</summary>
    private async Task<string> SamplePathAsync(RoutePattern pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                text += part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => await SampleValueAsync(parameter.Name),
                    _ => "",
                };
            }

            segments.Add(text);
        }

        return "/" + string.Join('/', segments);
    }

    private async Task<string> SampleValueAsync(string parameter)
    {
        if (parameter.Contains("slug", StringComparison.OrdinalIgnoreCase))
        {
            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
            return await db.Stories.OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync();
        }

        return parameter.Contains("year", StringComparison.OrdinalIgnoreCase) ? "2024" : "1";
    }

    private static IReadOnlyList<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get, HttpMethods.Post];

    private static bool AllowsGet(Endpoint endpoint) => Methods(endpoint).Contains(HttpMethods.Get);

    /// <summary>The framework's own endpoints (the circuit hub, static assets and their fallback), which carry no content of ours.</summary>
    private static bool IsFramework(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText is not { } route
        || route.StartsWith("/_", StringComparison.Ordinal)
        || route.StartsWith('_')
        || endpoint.Metadata.Any(m => m.GetType().Name is "StaticAssetDescriptor" or "FallbackMetadata");

    private static bool IsUnder(string route, string prefix) =>
        route.Equals(prefix, StringComparison.OrdinalIgnoreCase)
        || route.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
}
