using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Classification;
using SocialCareStories.Web.Features.Categories.Taxonomy;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Features.Stories.Editing.Components;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

/// <summary>The editor's suggested-categories panel rendered by bunit, fed by the real classifier over a small taxonomy.</summary>
public sealed class CategorySuggestionsPanelTests : BunitContext
{
    private const int MentalHealth = 1, Dementia = 2, Acute = 3;

    private static readonly Taxonomy Taxonomy = new(
        [
            new TaxonomyNode(MentalHealth, "Mental Health", null, ["mental health"],
                [new TaxonomyNode(Dementia, "Dementia", "Mental Health", ["memory clinic", "Alzheimer's"], [])]),
            new TaxonomyNode(Acute, "Acute", null, ["hospital"], []),
        ],
        []);

    public CategorySuggestionsPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>The panel as the editor shows it for a form, acting on the form as the editor does.</summary>
    private IRenderedComponent<CategorySuggestions> RenderFor(StoryForm form, List<SuggestedCategory>? added = null) =>
        Render<CategorySuggestions>(p => p
            .Add(c => c.Suggestions, form.Reclassify(Taxonomy))
            .Add(c => c.Stored, form.StoredSuggestions)
            .Add(c => c.ChosenIds, form.CategoryIds)
            .Add(c => c.RejectedIds, form.RejectedCategoryIds)
            .Add(c => c.OnAdd, EventCallback.Factory.Create<SuggestedCategory>(this, s => { added?.Add(s); form.Accept(s); }))
            .Add(c => c.OnReject, EventCallback.Factory.Create<SuggestedCategory>(this, form.Reject)));

    private static StoryForm DementiaStory() => new()
    {
        Title = "Dementia support in Leeds",
        Body = "The memory clinic now sees people within a fortnight of referral, and families join the first visit.",
    };

    private static void RenderAgain(IRenderedComponent<CategorySuggestions> panel, StoryForm form) =>
        panel.Render(p => p.Add(c => c.ChosenIds, form.CategoryIds).Add(c => c.RejectedIds, form.RejectedCategoryIds));

    [Fact]
    public void Text_about_dementia_is_offered_dementia_with_a_plain_confidence_and_the_words_it_rests_on()
    {
        var panel = RenderFor(DementiaStory());

        var region = panel.Find("section.suggested-categories");
        Assert.Equal("Suggested categories", panel.Find("#" + region.GetAttribute("aria-labelledby")).TextContent);
        var item = panel.FindAll(".suggested-category").Single(li => li.QuerySelector(".suggested-category__path")!.TextContent == "Mental Health › Dementia");
        Assert.StartsWith("strong", item.QuerySelector(".suggested-category__confidence")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("because: Dementia, memory clinic", item.QuerySelector(".suggested-category__reasons")!.TextContent);
        Assert.NotNull(item.QuerySelector("button[aria-label='Add Mental Health › Dementia']"));
        Assert.NotNull(item.QuerySelector("button[aria-label='Not this: Mental Health › Dementia']"));
        Assert.DoesNotContain(panel.FindAll(".suggested-category__path"), p => p.TextContent == "Acute");
    }

    [Fact]
    public void Clicking_add_files_the_story_under_the_suggestion_and_shows_it_added()
    {
        var form = DementiaStory();
        var added = new List<SuggestedCategory>();
        var panel = RenderFor(form, added);

        panel.Find("button[aria-label='Add Mental Health › Dementia']").Click();
        RenderAgain(panel, form);

        Assert.Equal([Dementia], added.Select(s => s.CategoryId));
        Assert.Equal([Dementia], form.CategoryIds);
        Assert.Empty(panel.FindAll("button[aria-label='Add Mental Health › Dementia']"));
        Assert.Equal("Added", panel.Find(".suggested-category__added").TextContent);
    }

    [Fact]
    public void Clicking_not_this_hides_the_suggestion_and_remembers_the_rejection()
    {
        var form = DementiaStory();
        var panel = RenderFor(form);

        panel.Find("button[aria-label='Not this: Mental Health › Dementia']").Click();
        RenderAgain(panel, form);

        Assert.DoesNotContain(panel.FindAll(".suggested-category__path"), p => p.TextContent == "Mental Health › Dementia");
        Assert.Equal([Dementia], form.RejectedCategoryIds);
        Assert.Empty(form.CategoryIds);
    }

    [Fact]
    public void A_category_the_import_filed_says_so_and_removing_it_turns_it_down()
    {
        var form = DementiaStory();
        form.CategoryIds = [Dementia];
        form.StoredSuggestions = [new StoredSuggestion(Dementia, "Mental Health > Dementia", 0.78, ["dementia", "memory clinic"], SuggestionState.Applied)];
        var panel = RenderFor(form);

        var filed = panel.Find(".suggested-category--filed");
        Assert.Contains("Filed automatically on import", filed.TextContent, StringComparison.Ordinal);
        filed.QuerySelector("button[aria-label='Remove Mental Health › Dementia']")!.Click();
        RenderAgain(panel, form);

        Assert.Empty(panel.FindAll(".suggested-category--filed"));
        Assert.Empty(form.CategoryIds);
        Assert.Equal([Dementia], form.RejectedCategoryIds);
    }
}
