using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Categories;

/// <summary>A freshly seeded store: the taxonomy from seeds/taxonomy.json, and every seed story filed under it.</summary>
public sealed class SeededTaxonomyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<StoriesDbContext> StoreAsync() =>
        await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task The_seven_sectors_are_loaded_with_their_themes_descriptions_and_terms()
    {
        await using var db = await StoreAsync();
        var sectors = await db.Categories.Where(c => c.ParentId == null).Include(c => c.Children).OrderBy(c => c.Name).ToListAsync();

        Assert.Equal(
            ["Acute", "Commissioning and Procurement", "Community Services", "Leadership and Management", "Mental Health", "Primary Care", "Social Care"],
            sectors.Select(s => s.Name));
        Assert.All(sectors, s => Assert.NotEmpty(s.Children));
        Assert.All(sectors.SelectMany(s => s.Children.Prepend(s)), c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Description), $"{c.Name} has a description");
            Assert.NotEmpty(CategoryTerms.Split(c.Terms));
        });
        Assert.Contains("memory clinic", CategoryTerms.Split(sectors.Single(s => s.Name == "Mental Health").Children.Single(t => t.Name == "Dementia").Terms));
    }

    [Fact]
    public async Task Every_seeded_story_is_filed_under_at_least_one_sector()
    {
        await using var db = await StoreAsync();
        var unfiled = await db.Stories.Where(s => !s.Categories.Any()).Select(s => s.Title).ToListAsync();

        Assert.Empty(unfiled);
    }

    [Fact]
    public async Task Fabulous_Stuff_is_one_collection_and_never_a_theme_of_a_sector()
    {
        await using var db = await StoreAsync();

        Assert.False(await db.Categories.AnyAsync(c => c.Name.Contains("Fabulous") || c.Name.Contains("FabSocialCare")));
        var collection = await db.Tags.Include(t => t.Stories).SingleAsync(t => t.IsCollection);
        Assert.Equal("Fabulous Stuff", collection.Name);
        Assert.Single(collection.Stories);
        Assert.False(await db.Tags.AnyAsync(t => t.Name == "FabSocialCare" || t.Name == "FabSocialCareStuff"));
    }

    [Fact]
    public async Task The_categories_page_counts_differ_by_sector()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/categories");

        var counts = document.QuerySelectorAll(".category-tree > li > .count").Select(c => c.TextContent).ToList();
        Assert.Equal(7, counts.Count);
        Assert.True(counts.Distinct().Count() > 2, $"counts: {string.Join(", ", counts)}");
    }

    [Fact]
    public async Task An_imported_story_records_the_suggestions_it_was_filed_by_and_their_reasons()
    {
        await using var db = await StoreAsync();
        var story = await db.Stories.Include(s => s.Categories).Include(s => s.CategorySuggestions).ThenInclude(s => s.Category)
            .SingleAsync(s => s.ImportKey == "001_b2b94a02d725591b.txt#4");

        var applied = story.CategorySuggestions.Where(s => s.State == SuggestionState.Applied).ToList();
        Assert.Contains(applied, s => s.Category.Name == "Integration with health" && s.Reasons.Contains("clinical commissioning group", StringComparison.Ordinal));
        Assert.All(applied, s =>
        {
            Assert.Contains(story.Categories, c => c.Id == s.CategoryId);
            Assert.NotEmpty(s.Reasons);
        });
        Assert.All(story.CategorySuggestions.Where(s => s.State == SuggestionState.Offered), s => Assert.DoesNotContain(story.Categories, c => c.Id == s.CategoryId));
    }

    [Fact]
    public async Task A_story_with_no_confident_sector_is_flagged_for_review_with_the_reason()
    {
        await using var db = await StoreAsync();
        var flagged = await db.Stories.Where(s => s.NeedsReview && s.ReviewNote!.Contains("No sector could be suggested")).ToListAsync();

        Assert.All(flagged, s => Assert.Contains("Choose its sector", s.ReviewNote, StringComparison.Ordinal));
        Assert.DoesNotContain(flagged, s => s.Status == StoryStatus.Published && s.Title == "The good, the bad and the ugly");
    }
}
