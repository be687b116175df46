using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Security;

/// <summary>
/// Cross-site request forgery: every form that posts carries the antiforgery token, and every endpoint that takes a
/// POST (each page, the sign-out endpoint) refuses one without a valid token, or with another visitor's.
/// </summary>
public sealed class AntiforgeryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string TokenField = "__RequestVerificationToken";

    [Fact]
    public async Task Every_form_that_posts_on_every_page_carries_an_antiforgery_token()
    {
        using var anonymous = StaffAccounts.NewClient(portal);
        using var admin = await StaffAccounts.SignedInAsync(portal, Roles.Admin);
        var formsSeen = new HashSet<string>();
        var problems = new List<string>();

        foreach (var path in await PagePathsAsync())
        {
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("admin", admin) })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
                foreach (var form in document.QuerySelectorAll("form").Where(f => !string.Equals(f.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase)))
                {
                    formsSeen.Add(form.GetAttribute("class") ?? form.GetAttribute("action") ?? "(form)");
                    if (form.QuerySelector($"input[type=hidden][name={TokenField}]")?.GetAttribute("value") is not { Length: > 0 })
                    {
                        problems.Add($"{path} as {who}: a form without an antiforgery token: {form.OuterHtml[..Math.Min(160, form.OuterHtml.Length)]}");
                    }
                }
            }
        }

        Assert.Empty(problems);
        Assert.Superset(new HashSet<string> { "account-form", "comment-form", "admin-logout" }, formsSeen);
    }

    [Fact]
    public async Task Every_endpoint_that_takes_a_post_refuses_one_without_a_token()
    {
        using var admin = await StaffAccounts.SignedInAsync(portal, Roles.Admin);
        var problems = new List<string>();
        var posts = PostRoutes().OrderBy(r => r == "/Account/Logout").ToList();

        foreach (var route in posts)
        {
            var path = await SamplePathAsync(route);
            using var response = await admin.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent([new("_handler", "login"), new("ReturnUrl", "/")]));
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                problems.Add($"POST {path} without a token answered {(int)response.StatusCode}");
            }
        }

        using var stillSignedIn = await admin.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Empty(problems);
        Assert.Contains("/Account/Logout", posts);
        Assert.Contains("/Account/Login", posts);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task A_token_taken_from_another_visitors_page_is_refused()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var victim = StaffAccounts.NewClient(portal);
        using var attacker = StaffAccounts.NewClient(portal);
        using var _ = await victim.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var attackersForm = await StaffAccounts.FormFieldsAsync(attacker, "/Account/Login", "form.account-form");
        attackersForm["Input.Email"] = email;
        attackersForm["Input.Password"] = StaffAccounts.Password;

        using var response = await victim.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(attackersForm));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && !route.StartsWith("/_", StringComparison.Ordinal) && !route.StartsWith('_')
                        && !e.Metadata.Any(m => m.GetType().Name is "StaticAssetDescriptor" or "FallbackMetadata"));

    private async Task<List<string>> PagePathsAsync()
    {
        var paths = new List<string>();
        foreach (var route in Endpoints().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null).Select(e => e.RoutePattern.RawText!).Distinct())
        {
            paths.Add(await SamplePathAsync(route));
        }

        return paths;
    }

    private List<string> PostRoutes() =>
        Endpoints().Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains(HttpMethods.Post))
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();

    /// <summary>The route with a value for each parameter: a seeded story's slug, a year with results, else 1.</summary>
    private async Task<string> SamplePathAsync(string route)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var slug = await db.Stories.OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync();
        var yearId = await db.AwardYears.OrderBy(y => y.Id).Select(y => y.Id).FirstAsync();
        return System.Text.RegularExpressions.Regex.Replace(route, "\\{(?<name>[^}:]+)[^}]*\\}", match => match.Groups["name"].Value.ToUpperInvariant() switch
        {
            var name when name.Contains("SLUG", StringComparison.Ordinal) => slug,
            "YEARID" => yearId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "YEAR" => "2015",
            _ => "1",
        });
    }
}
