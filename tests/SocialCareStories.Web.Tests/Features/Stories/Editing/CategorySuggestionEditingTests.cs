using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Classification;
using SocialCareStories.Web.Features.Categories.Taxonomy;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

/// <summary>What an editor does with the classifier's suggested categories, as StoryEditing saves it on a real store.</summary>
public sealed class CategorySuggestionEditingTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>, IDisposable
{
    private const string DementiaPath = "Mental Health > Dementia";
    private const string DementiaTitle = "A memory clinic opens for people living with dementia";
    private const string DementiaBody = "The new memory clinic helps people with dementia and their families.\n\nA dementia nurse runs it every week.";

    private readonly TempFolder _sources = new();

    public void Dispose() => _sources.Dispose();

    private async Task<Taxonomy> TaxonomyAsync() => await Get<TaxonomyLoader>(portal).ReadAsync();

    private async Task<int> DementiaIdAsync() => (await TaxonomyAsync()).Find(DementiaPath)!.Id!.Value;

    private static SuggestedCategory SuggestionFor(StoryForm form, int categoryId) => form.Suggestions.Single(s => s.CategoryId == categoryId);

    /// <summary>A story as the import writes it: about dementia, so the import files it there (an applied suggestion).</summary>
    private async Task<(int StoryId, string File)> ImportDementiaStoryAsync()
    {
        var file = $"memory-clinic-{Guid.NewGuid():N}.txt";
        _sources.Write(file, $"{DementiaTitle}\n\n{DementiaBody}\n");
        var outcome = await Get<SeedImporter>(portal).ImportAsync(_sources.Path);
        Assert.Empty(outcome.Problems);
        await using var db = await DbAsync(portal);
        return (await db.Stories.Where(s => s.SourceFile == file).Select(s => s.Id).SingleAsync(), file);
    }

    private async Task<List<CategorySuggestion>> SuggestionsOfAsync(int storyId)
    {
        await using var db = await DbAsync(portal);
        return await db.CategorySuggestions.AsNoTracking().Where(s => s.StoryId == storyId).ToListAsync();
    }

    private async Task<List<int>> CategoriesOfAsync(int storyId)
    {
        await using var db = await DbAsync(portal);
        return await db.Stories.Where(s => s.Id == storyId).SelectMany(s => s.Categories).Select(c => c.Id).OrderBy(id => id).ToListAsync();
    }

    [Fact]
    public async Task Saving_a_story_with_a_suggested_category_the_editor_added_records_the_suggestion_as_accepted_with_its_reasons()
    {
        var dementia = await DementiaIdAsync();
        var form = NewForm($"{DementiaTitle} {Guid.NewGuid():N}"[..70], DementiaBody);
        form.Reclassify(await TaxonomyAsync());

        form.Accept(SuggestionFor(form, dementia));
        var saved = await CreateAsync(portal, form);

        Assert.Contains(dementia, await CategoriesOfAsync(saved.StoryId));
        var row = (await SuggestionsOfAsync(saved.StoryId)).Single(s => s.CategoryId == dementia);
        Assert.Equal(SuggestionState.Accepted, row.State);
        Assert.Contains(row.Reasons.Split("; "), r => r.Equals("dementia", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("memory clinic", row.Reasons.Split("; "));
        Assert.True(row.Score >= StoryClassifier.ApplyThreshold, $"score {row.Score}");
    }

    [Fact]
    public async Task A_suggestion_the_editor_turned_down_is_recorded_as_rejected_and_is_not_offered_again()
    {
        var dementia = await DementiaIdAsync();
        var form = NewForm($"{DementiaTitle} {Guid.NewGuid():N}"[..70], DementiaBody);
        form.Reclassify(await TaxonomyAsync());

        form.Reject(SuggestionFor(form, dementia));
        var saved = await CreateAsync(portal, form);

        Assert.DoesNotContain(dementia, await CategoriesOfAsync(saved.StoryId));
        Assert.Equal(SuggestionState.Rejected, (await SuggestionsOfAsync(saved.StoryId)).Single(s => s.CategoryId == dementia).State);

        // Opened again, the text still suggests dementia, but the editor said no: it stays turned down, and saves keep it so.
        var again = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        again.Reclassify(await TaxonomyAsync());
        Assert.Contains(dementia, again.RejectedCategoryIds);
        Assert.Contains(again.StoredSuggestions, s => s.CategoryId == dementia && s.State == SuggestionState.Rejected);
        Assert.Equal(EditOutcome.Saved, (await EditingOf(portal).SaveAsync(again, Edna)).Outcome);
        Assert.Equal(SuggestionState.Rejected, (await SuggestionsOfAsync(saved.StoryId)).Single(s => s.CategoryId == dementia).State);
    }

    [Fact]
    public async Task Removing_a_category_the_import_filed_records_its_suggestion_as_rejected()
    {
        var dementia = await DementiaIdAsync();
        var (storyId, _) = await ImportDementiaStoryAsync();
        var form = (await EditingOf(portal).LoadAsync(storyId))!;
        Assert.Contains(form.StoredSuggestions, s => s.CategoryId == dementia && s.State == SuggestionState.Applied);
        Assert.Contains(dementia, form.CategoryIds);

        form.ChooseCategories(form.CategoryIds.Where(id => id != dementia));
        Assert.Equal(EditOutcome.Saved, (await EditingOf(portal).SaveAsync(form, Edna)).Outcome);

        Assert.DoesNotContain(dementia, await CategoriesOfAsync(storyId));
        Assert.Equal(SuggestionState.Rejected, (await SuggestionsOfAsync(storyId)).Single(s => s.CategoryId == dementia).State);
    }

    [Fact]
    public async Task A_story_imported_without_a_sector_opens_in_the_editor_with_its_review_note()
    {
        _sources.Write($"quiet-{Guid.NewGuid():N}.txt", "A quiet afternoon\n\nThe weather was pleasant and the tea was warm, so we sat outside until late.\n");
        Assert.Empty((await Get<SeedImporter>(portal).ImportAsync(_sources.Path)).Problems);
        await using var db = await DbAsync(portal);
        var storyId = await db.Stories.Where(s => s.Title == "A quiet afternoon").Select(s => s.Id).SingleAsync();

        var form = (await EditingOf(portal).LoadAsync(storyId))!;

        Assert.True(form.NeedsReview);
        Assert.Contains("Choose its sector.", form.ReviewNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_import_of_a_changed_source_does_not_overwrite_the_categories_the_editor_chose()
    {
        var taxonomy = await TaxonomyAsync();
        var dementia = taxonomy.Find(DementiaPath)!.Id!.Value;
        var homeCare = taxonomy.Find("Community Services > Home care")!.Id!.Value;
        var (storyId, file) = await ImportDementiaStoryAsync();
        var form = (await EditingOf(portal).LoadAsync(storyId))!;
        form.Reject(new SuggestedCategory(DementiaPath, dementia, 0.9, ["dementia"]));
        form.ChooseCategories([.. form.CategoryIds, homeCare]);
        Assert.Equal(EditOutcome.Saved, (await EditingOf(portal).SaveAsync(form, Edna)).Outcome);
        var chosen = await CategoriesOfAsync(storyId);

        _sources.Write(file, $"{DementiaTitle}\n\n{DementiaBody}\n\nA dementia café now meets there too, for people with Alzheimer's.\n");
        var outcome = await Get<SeedImporter>(portal).ImportAsync(_sources.Path);

        Assert.Equal(1, outcome.KeptEditorChanges);
        Assert.Equal(chosen, await CategoriesOfAsync(storyId));
        Assert.Contains(homeCare, chosen);
        Assert.DoesNotContain(dementia, chosen);
        Assert.Equal(SuggestionState.Rejected, (await SuggestionsOfAsync(storyId)).Single(s => s.CategoryId == dementia).State);
    }
}
