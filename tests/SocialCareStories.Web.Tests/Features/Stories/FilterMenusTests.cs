using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>The /stories and /search filter menus, read in one command, over the seeded store.</summary>
public sealed class FilterMenusTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static IEnumerable<string> Flatten(IEnumerable<CategoryNode> nodes, string path) =>
        nodes.SelectMany(n => Flatten(n.Children, $"{path}/{n.Slug}").Prepend($"{path}/{n.Slug} {n.Name}"));

    private async Task<FilterMenus> MenusAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoryCatalogue>().FilterMenusAsync();
    }

    [Fact]
    public async Task The_category_menu_is_the_whole_tree_in_the_trees_order()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var tree = await scope.ServiceProvider.GetRequiredService<CategoryTree>().WithoutCountsAsync();

        var menu = Flatten((await MenusAsync()).Categories, "").ToList();

        Assert.Contains(menu, entry => entry.Count(c => c == '/') == 2);
        Assert.Equal(Flatten(tree, "").ToList(), menu);
    }

    [Fact]
    public async Task The_year_menu_has_each_year_of_a_published_story_newest_first_and_no_other()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var published = (await db.Stories.Where(s => s.Status == StoryStatus.Published)
            .Select(s => s.PublishedOn.Year).ToListAsync()).OfType<int>().Distinct().ToList();

        var years = (await MenusAsync()).Years;

        Assert.True(years.Count > 1);
        Assert.Equal(published.OrderDescending().ToList(), years);
    }
}
