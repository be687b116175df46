using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Categories.Admin;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Categories;

/// <summary>What readers and feed readers see after Admins change the taxonomy, over HTTP on a seeded portal.</summary>
public sealed class CategoryAddressTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Actor Admin = new("admin-id", "Category Admin");

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    private CategoryAdministration Categories => portal.Services.CreateScope().ServiceProvider.GetRequiredService<CategoryAdministration>();

    [Fact]
    public async Task After_a_merge_the_old_category_address_and_its_feed_redirect_to_the_category_that_took_its_stories()
    {
        var from = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var into = await Categories.AddAsync($"Homes {_suffix}", null, null, null, Admin);
        using var client = StaffAccounts.NewClient(portal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/categories/housing-{_suffix}", UriKind.Relative))).StatusCode);

        await Categories.MergeAsync(from, into, Admin);

        using var page = await client.GetAsync(new Uri($"/categories/housing-{_suffix}?page=2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.EndsWith($"/categories/homes-{_suffix}?page=2", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var feed = await client.GetAsync(new Uri($"/categories/housing-{_suffix}/feed.xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, feed.StatusCode);
        Assert.EndsWith($"/categories/homes-{_suffix}/feed.xml", feed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_nothing_ever_had_is_still_not_found()
    {
        using var client = StaffAccounts.NewClient(portal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/categories/nothing-{_suffix}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/categories/nothing-{_suffix}/feed.xml", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_old_Fabulous_Stuff_category_address_leads_to_the_collection()
    {
        using var client = StaffAccounts.NewClient(portal);

        using var response = await client.GetAsync(new Uri("/categories/fabulous-stuff", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/tags/fabulous-stuff", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retired_category_is_not_listed_on_the_categories_page_nor_in_the_filters_until_restored()
    {
        var sector = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        using var client = portal.CreateClient();
        Assert.Contains(await SlugsListedAsync(client), s => s == $"/categories/housing-{_suffix}");

        await Categories.RetireAsync(sector, Admin);
        Assert.DoesNotContain(await SlugsListedAsync(client), s => s == $"/categories/housing-{_suffix}");
        var offered = await portal.Services.CreateScope().ServiceProvider.GetRequiredService<SocialCareStories.Web.Features.Categories.CategoryTree>().WithoutCountsAsync();
        Assert.DoesNotContain(offered, c => c.Id == sector);
        Assert.NotEmpty(offered);

        await Categories.RestoreAsync(sector, Admin);
        Assert.Contains(await SlugsListedAsync(client), s => s == $"/categories/housing-{_suffix}");
    }

    [Fact]
    public async Task The_categories_screen_is_for_Admins_only()
    {
        using var editor = await StaffAccounts.SignedInAsync(portal, Roles.Editor);
        using var awardsAdmin = await StaffAccounts.SignedInAsync(portal, Roles.AwardsAdmin);
        using var admin = await StaffAccounts.SignedInAsync(portal, Roles.Admin);
        using var anonymous = StaffAccounts.NewClient(portal);

        foreach (var refused in new[] { editor, awardsAdmin, anonymous })
        {
            using var response = await refused.GetAsync(new Uri("/admin/categories", UriKind.Relative));
            Assert.True(
                response.StatusCode is HttpStatusCode.Forbidden || (response.StatusCode is HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/", StringComparison.Ordinal)),
                $"{(int)response.StatusCode} {response.Headers.Location}");
        }

        var page = await admin.GetDocumentAsync("/admin/categories");
        Assert.Equal("Categories", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("h2"), h => h.TextContent.Trim() == "Mental Health");
        Assert.Contains(page.QuerySelectorAll("h3"), h => h.TextContent.Trim() == "Dementia");
    }

    private static async Task<List<string>> SlugsListedAsync(HttpClient client) =>
        (await client.GetDocumentAsync("/categories")).QuerySelectorAll(".category-tree a").Select(a => a.GetAttribute("href")!).ToList();
}
