using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Admin;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Categories;

/// <summary>
/// The taxonomy's rules against the real store of a seeded portal. Each test makes sectors of its own (names with a
/// fresh suffix), so tests never see each other's categories.
/// </summary>
public sealed class CategoryAdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Actor Admin = new("admin-id", "Category Admin");

    private CategoryAdministration Categories => portal.Services.CreateScope().ServiceProvider.GetRequiredService<CategoryAdministration>();

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_sector_and_a_theme_are_added_with_slugs_from_their_names_and_each_is_audited()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, " Homes and tenancies. ", ["supported living", "extra care"], Admin);
        var themeId = await Categories.AddAsync("Adaptations", sectorId, null, null, Admin);

        var sector = await CategoryAsync(sectorId);
        var theme = await CategoryAsync(themeId);
        Assert.Equal($"housing-{_suffix}", sector.Slug);
        Assert.Null(sector.ParentId);
        Assert.Equal("Homes and tenancies.", sector.Description);
        Assert.Equal("supported living; extra care", sector.Terms);
        Assert.Equal($"housing-{_suffix}-adaptations", theme.Slug);
        Assert.Equal(sectorId, theme.ParentId);
        var audit = await AuditAsync();
        Assert.Contains(audit, a => a.Action == "category.added" && a.ItemId == Id(sectorId) && a.UserName == "Category Admin");
        Assert.Contains(audit, a => a.Action == "category.added" && a.ItemId == Id(themeId));
    }

    [Fact]
    public async Task A_slug_in_use_or_once_used_gets_the_next_number()
    {
        var sectorId = await Categories.AddAsync($"Transport {_suffix}", null, null, null, Admin);
        var merged = await Categories.AddAsync($"Transport {_suffix} buses", null, null, null, Admin);
        var target = await Categories.AddAsync($"Travel {_suffix}", null, null, null, Admin);
        await Categories.MergeAsync(merged, target, Admin);

        // "transport-x-buses" was the merged sector's address: it still leads to Travel, so a new theme must not take it.
        var themeId = await Categories.AddAsync("Buses", sectorId, null, null, Admin);
        var sameSlugAgain = await Categories.AddAsync($"Transport {_suffix} buses 2", null, null, null, Admin);

        Assert.Equal($"transport-{_suffix}-buses-2", (await CategoryAsync(themeId)).Slug);
        Assert.Equal($"transport-{_suffix}-buses-2-2", (await CategoryAsync(sameSlugAgain)).Slug);
    }

    [Fact]
    public async Task A_name_a_sibling_already_has_is_refused_with_a_message_naming_the_clash()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        await Categories.AddAsync("Adaptations", sectorId, null, null, Admin);
        var before = await CountAsync();

        var theme = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.AddAsync("adaptations", sectorId, null, null, Admin));
        var sector = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.AddAsync($"HOUSING {_suffix}", null, null, null, Admin));

        Assert.Equal($"Name: Housing {_suffix} already has a theme called \u201cAdaptations\u201d.", theme.Message);
        Assert.Equal($"Name: there is already a sector called \u201cHousing {_suffix}\u201d.", sector.Message);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_same_theme_name_under_two_sectors_is_allowed()
    {
        var first = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var second = await Categories.AddAsync($"Transport {_suffix}", null, null, null, Admin);

        await Categories.AddAsync("Access", first, null, null, Admin);
        await Categories.AddAsync("Access", second, null, null, Admin);

        Assert.Equal(2, await CountAsync(c => c.Name == "Access" && (c.ParentId == first || c.ParentId == second)));
    }

    [Fact]
    public async Task A_theme_cannot_have_themes_of_its_own()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var themeId = await Categories.AddAsync("Adaptations", sectorId, null, null, Admin);

        var refused = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.AddAsync("Ramps", themeId, null, null, Admin));

        Assert.StartsWith("Sector: \u201cAdaptations\u201d is a theme", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Name: a category needs a name.")]
    [InlineData("   ", "Name: a category needs a name.")]
    [InlineData("Housing > Adaptations", "Name: \u201c>\u201d separates")]
    public async Task A_missing_or_unusable_name_is_refused(string name, string message)
    {
        var refused = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.AddAsync(name, null, null, null, Admin));

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rename_keeps_the_slug_and_is_audited()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);

        await Categories.RenameAsync(sectorId, $"Homes {_suffix}", Admin);

        var sector = await CategoryAsync(sectorId);
        Assert.Equal($"Homes {_suffix}", sector.Name);
        Assert.Equal($"housing-{_suffix}", sector.Slug);
        Assert.Contains(await AuditAsync(), a => a.Action == "category.renamed" && a.ItemId == Id(sectorId) && a.Summary!.Contains("Homes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_description_and_terms_are_saved_and_audited()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);

        await Categories.DescribeAsync(sectorId, "Where people live, and the help to stay there.", Admin);
        await Categories.SetTermsAsync(sectorId, [" DFG ", "disabled facilities grant", "dfg", ""], Admin);

        var sector = await CategoryAsync(sectorId);
        Assert.Equal("Where people live, and the help to stay there.", sector.Description);
        Assert.Equal(["DFG", "disabled facilities grant"], CategoryTerms.Split(sector.Terms));
        var actions = (await AuditAsync()).Where(a => a.ItemId == Id(sectorId)).Select(a => a.Action).ToList();
        Assert.Contains("category.described", actions);
        Assert.Contains("category.terms-changed", actions);
    }

    [Fact]
    public async Task The_edit_panel_changes_name_description_and_terms_in_one_audited_change()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);

        await Categories.EditAsync(sectorId, $"Homes {_suffix}", "Homes.", ["tenancy"], Admin);

        var sector = await CategoryAsync(sectorId);
        Assert.Equal(($"Homes {_suffix}", "Homes.", "tenancy"), (sector.Name, sector.Description, sector.Terms));
        Assert.Single(await AuditAsync(), a => a.Action == "category.edited" && a.ItemId == Id(sectorId));
    }

    [Fact]
    public async Task A_failed_edit_names_the_field_and_changes_nothing()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, "As it was.", ["tenancy"], Admin);
        var auditCount = (await AuditAsync()).Count;

        var description = await Assert.ThrowsAsync<CategoryRuleException>(() =>
            Categories.EditAsync(sectorId, $"Homes {_suffix}", new string('x', Category.DescriptionLength + 1), ["lease"], Admin));
        var terms = await Assert.ThrowsAsync<CategoryRuleException>(() =>
            Categories.EditAsync(sectorId, $"Homes {_suffix}", "Fine.", [new string('t', Category.TermsLength + 1)], Admin));

        Assert.StartsWith("Description: 1001 characters, at most 1000", description.Message, StringComparison.Ordinal);
        Assert.StartsWith("Terms:", terms.Message, StringComparison.Ordinal);
        var sector = await CategoryAsync(sectorId);
        Assert.Equal(($"Housing {_suffix}", "As it was.", "tenancy"), (sector.Name, sector.Description, sector.Terms));
        Assert.Equal(auditCount, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task A_theme_moves_to_another_sector_or_becomes_a_sector_and_keeps_its_slug()
    {
        var housing = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var transport = await Categories.AddAsync($"Transport {_suffix}", null, null, null, Admin);
        var themeId = await Categories.AddAsync("Access", housing, null, null, Admin);

        await Categories.MoveAsync(themeId, transport, Admin);
        Assert.Equal((transport, $"housing-{_suffix}-access"), await ParentAndSlugAsync(themeId));

        await Categories.MoveAsync(themeId, null, Admin);
        Assert.Equal(((int?)null, $"housing-{_suffix}-access"), await ParentAndSlugAsync(themeId));

        await Categories.MoveAsync(themeId, housing, Admin);
        Assert.Equal((housing, $"housing-{_suffix}-access"), await ParentAndSlugAsync(themeId));
        Assert.Equal(3, (await AuditAsync()).Count(a => a.Action == "category.moved" && a.ItemId == Id(themeId)));
    }

    [Fact]
    public async Task A_sector_with_themes_cannot_become_a_theme_and_a_move_onto_a_sibling_name_is_refused()
    {
        var housing = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var transport = await Categories.AddAsync($"Transport {_suffix}", null, null, null, Admin);
        await Categories.AddAsync("Access", housing, null, null, Admin);
        var otherAccess = await Categories.AddAsync("Access", transport, null, null, Admin);

        var hasThemes = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.MoveAsync(housing, transport, Admin));
        var clash = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.MoveAsync(otherAccess, housing, Admin));

        Assert.Contains("has themes", hasThemes.Message, StringComparison.Ordinal);
        Assert.Equal($"Name: Housing {_suffix} already has a theme called \u201cAccess\u201d.", clash.Message);
        Assert.Equal((transport, $"transport-{_suffix}-access"), await ParentAndSlugAsync(otherAccess));
        Assert.Null((await CategoryAsync(housing)).ParentId);
    }

    [Fact]
    public async Task A_retired_category_leaves_the_public_tree_until_it_is_restored_and_keeps_its_stories()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var storyIds = await StoryIdsAsync(2);
        await FileAsync(sectorId, storyIds);
        var tree = portal.Services.CreateScope().ServiceProvider.GetRequiredService<CategoryTree>();

        await Categories.RetireAsync(sectorId, Admin);
        Assert.True((await CategoryAsync(sectorId)).IsRetired);
        Assert.DoesNotContain(await tree.WithoutCountsAsync(), c => c.Id == sectorId);
        Assert.Equal(storyIds, await FiledAsync(sectorId));

        await Categories.RestoreAsync(sectorId, Admin);
        Assert.False((await CategoryAsync(sectorId)).IsRetired);
        Assert.Contains(await tree.WithoutCountsAsync(), c => c.Id == sectorId);
        var actions = (await AuditAsync()).Where(a => a.ItemId == Id(sectorId)).Select(a => a.Action).ToList();
        Assert.Contains("category.retired", actions);
        Assert.Contains("category.restored", actions);
    }

    [Fact]
    public async Task A_merge_files_the_stories_under_the_target_once_and_the_old_slug_leads_there()
    {
        var from = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var into = await Categories.AddAsync($"Homes {_suffix}", null, null, null, Admin);
        var stories = await StoryIdsAsync(3);
        await FileAsync(from, stories[..2]);
        await FileAsync(into, stories[1..]);
        await SuggestAsync(from, stories[0]);
        await SuggestAsync(from, stories[1]);
        await SuggestAsync(into, stories[1]);

        var moved = await Categories.MergeAsync(from, into, Admin);

        Assert.Equal(2, moved);
        Assert.Equal(stories, await FiledAsync(into));
        await using var db = await StoreAsync();
        Assert.False(await db.Categories.AnyAsync(c => c.Id == from));
        Assert.Equal(into, (await db.CategoryFormerSlugs.SingleAsync(f => f.Slug == $"housing-{_suffix}")).CategoryId);
        var suggestions = await db.CategorySuggestions.Where(s => s.CategoryId == into).Select(s => s.StoryId).OrderBy(id => id).ToListAsync();
        Assert.Equal(stories[..2], suggestions);
        var addresses = portal.Services.CreateScope().ServiceProvider.GetRequiredService<CategoryAddresses>();
        Assert.Equal($"/categories/homes-{_suffix}", await addresses.ReplacementAsync($"housing-{_suffix}"));
        Assert.Contains(await AuditAsync(), a => a.Action == "category.merged" && a.ItemId == Id(from));
    }

    [Fact]
    public async Task A_merged_categorys_own_former_slugs_follow_it_to_the_target()
    {
        var first = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var second = await Categories.AddAsync($"Homes {_suffix}", null, null, null, Admin);
        var third = await Categories.AddAsync($"Dwellings {_suffix}", null, null, null, Admin);

        await Categories.MergeAsync(first, second, Admin);
        await Categories.MergeAsync(second, third, Admin);

        await using var db = await StoreAsync();
        var formers = await db.CategoryFormerSlugs.Where(f => f.CategoryId == third).Select(f => f.Slug).OrderBy(s => s).ToListAsync();
        Assert.Equal([$"homes-{_suffix}", $"housing-{_suffix}"], formers);
    }

    [Fact]
    public async Task Merging_a_sector_into_a_sector_moves_its_themes_with_their_slugs()
    {
        var from = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var into = await Categories.AddAsync($"Homes {_suffix}", null, null, null, Admin);
        var theme = await Categories.AddAsync("Adaptations", from, null, null, Admin);

        await Categories.MergeAsync(from, into, Admin);

        Assert.Equal((into, $"housing-{_suffix}-adaptations"), await ParentAndSlugAsync(theme));
    }

    [Fact]
    public async Task A_merge_into_itself_its_own_theme_or_a_theme_when_it_has_themes_is_refused_and_changes_nothing()
    {
        var housing = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var theme = await Categories.AddAsync("Adaptations", housing, null, null, Admin);
        var transport = await Categories.AddAsync($"Transport {_suffix}", null, null, null, Admin);
        var otherTheme = await Categories.AddAsync("Buses", transport, null, null, Admin);
        var before = await CountAsync();

        var itself = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.MergeAsync(housing, housing, Admin));
        var ownTheme = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.MergeAsync(housing, theme, Admin));
        var intoTheme = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.MergeAsync(housing, otherTheme, Admin));

        Assert.Contains("cannot be merged into itself", itself.Message, StringComparison.Ordinal);
        Assert.Contains("its own theme", ownTheme.Message, StringComparison.Ordinal);
        Assert.Contains("can only be merged into another sector", intoTheme.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        Assert.Equal((housing, $"housing-{_suffix}-adaptations"), await ParentAndSlugAsync(theme));
    }

    [Fact]
    public async Task A_sector_merge_where_both_have_a_theme_of_the_same_name_is_refused_and_changes_nothing()
    {
        var from = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var into = await Categories.AddAsync($"Homes {_suffix}", null, null, null, Admin);
        var theme = await Categories.AddAsync("Adaptations", from, null, null, Admin);
        await Categories.AddAsync("adaptations", into, null, null, Admin);
        var stories = await StoryIdsAsync(1);
        await FileAsync(from, stories);

        var refused = await Assert.ThrowsAsync<CategoryRuleException>(() => Categories.MergeAsync(from, into, Admin));

        Assert.Contains("Merge those two themes first", refused.Message, StringComparison.Ordinal);
        Assert.Equal(stories, await FiledAsync(from));
        Assert.Equal((from, $"housing-{_suffix}-adaptations"), await ParentAndSlugAsync(theme));
        await using var db = await StoreAsync();
        Assert.False(await db.CategoryFormerSlugs.AnyAsync(f => f.Slug == $"housing-{_suffix}"));
    }

    [Fact]
    public async Task A_change_to_a_category_merged_meanwhile_says_it_no_longer_exists()
    {
        var from = await Categories.AddAsync($"Housing {_suffix}", null, null, null, Admin);
        var into = await Categories.AddAsync($"Homes {_suffix}", null, null, null, Admin);
        await Categories.MergeAsync(from, into, Admin);

        var rename = await Assert.ThrowsAsync<CategoryGoneException>(() => Categories.RenameAsync(from, "Anything", Admin));
        var retire = await Assert.ThrowsAsync<CategoryGoneException>(() => Categories.RetireAsync(from, Admin));
        var merge = await Assert.ThrowsAsync<CategoryGoneException>(() => Categories.MergeAsync(from, into, Admin));

        Assert.StartsWith("That category no longer exists (someone merged or deleted it)", rename.Message, StringComparison.Ordinal);
        Assert.Equal(rename.Message, retire.Message);
        Assert.Equal(rename.Message, merge.Message);
    }

    [Fact]
    public async Task The_admin_tree_counts_each_categorys_own_stories_published_or_not()
    {
        var sectorId = await Categories.AddAsync($"Housing {_suffix}", null, "Homes.", ["tenancy", "DFG"], Admin);
        var themeId = await Categories.AddAsync("Adaptations", sectorId, null, null, Admin);
        await FileAsync(sectorId, await StoryIdsAsync(2));
        await FileAsync(themeId, await StoryIdsAsync(1));

        var sector = (await Categories.TreeAsync()).Single(c => c.Id == sectorId);

        Assert.Equal(2, sector.StoryCount);
        Assert.Equal(["tenancy", "DFG"], sector.Terms);
        Assert.Equal(1, sector.Themes.Single().StoryCount);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<StoriesDbContext> StoreAsync() =>
        await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();

    private async Task<Category> CategoryAsync(int id)
    {
        await using var db = await StoreAsync();
        return await db.Categories.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<(int? ParentId, string Slug)> ParentAndSlugAsync(int id)
    {
        var category = await CategoryAsync(id);
        return (category.ParentId, category.Slug);
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Category, bool>>? where = null)
    {
        await using var db = await StoreAsync();
        return await (where is null ? db.Categories : db.Categories.Where(where)).CountAsync();
    }

    /// <summary>Seeded stories, by id: the tests only file them, which changes nothing else a test reads.</summary>
    private async Task<int[]> StoryIdsAsync(int count)
    {
        await using var db = await StoreAsync();
        return await db.Stories.OrderBy(s => s.Id).Select(s => s.Id).Take(count).ToArrayAsync();
    }

    private async Task FileAsync(int categoryId, IEnumerable<int> storyIds)
    {
        await using var db = await StoreAsync();
        foreach (var storyId in storyIds)
        {
            db.Set<Dictionary<string, object>>("StoryCategories").Add(new Dictionary<string, object> { ["StoriesId"] = storyId, ["CategoriesId"] = categoryId });
        }

        await db.SaveChangesAsync();
    }

    private async Task<int[]> FiledAsync(int categoryId)
    {
        await using var db = await StoreAsync();
        return await db.Set<Dictionary<string, object>>("StoryCategories").Where(l => EF.Property<int>(l, "CategoriesId") == categoryId)
            .Select(l => EF.Property<int>(l, "StoriesId")).OrderBy(id => id).ToArrayAsync();
    }

    private async Task SuggestAsync(int categoryId, int storyId)
    {
        await using var db = await StoreAsync();
        db.CategorySuggestions.Add(new CategorySuggestion { CategoryId = categoryId, StoryId = storyId, Score = 0.5, Reasons = "test", State = SuggestionState.Offered });
        await db.SaveChangesAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await StoreAsync();
        return await db.AuditEntries.AsNoTracking().ToListAsync();
    }
}
