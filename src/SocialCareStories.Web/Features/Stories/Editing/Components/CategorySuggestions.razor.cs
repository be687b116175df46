using Microsoft.AspNetCore.Components;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Classification;

namespace SocialCareStories.Web.Features.Stories.Editing.Components;

/// <summary>
/// The classifier's suggestions for a story in the editor. It only shows and asks: the editor page decides when to
/// classify again (when typing pauses) and what adding or turning down a suggestion does to the form.
/// </summary>
public partial class CategorySuggestions
{
    /// <summary>What the classifier suggests for the text as it stands, strongest first.</summary>
    [Parameter] public IReadOnlyList<SuggestedCategory> Suggestions { get; set; } = [];

    /// <summary>The story's suggestions as stored: those the import filed (<see cref="SuggestionState.Applied"/>) are shown as such.</summary>
    [Parameter] public IReadOnlyList<StoredSuggestion> Stored { get; set; } = [];

    [Parameter] public IReadOnlyCollection<int> ChosenIds { get; set; } = [];

    /// <summary>Turned down by the editor: never shown again.</summary>
    [Parameter] public IReadOnlyCollection<int> RejectedIds { get; set; } = [];

    [Parameter] public EventCallback<SuggestedCategory> OnAdd { get; set; }

    /// <summary>"Not this" on a suggestion, or "Remove" on a category the import filed.</summary>
    [Parameter] public EventCallback<SuggestedCategory> OnReject { get; set; }

    private List<StoredSuggestion> _filed = [];
    private List<SuggestedCategory> _offered = [];

    protected override void OnParametersSet()
    {
        _filed = Stored.Where(s => s.State == SuggestionState.Applied && ChosenIds.Contains(s.CategoryId) && !RejectedIds.Contains(s.CategoryId)).ToList();
        var filedIds = _filed.Select(f => f.CategoryId).ToHashSet();
        _offered = Suggestions.Where(s => s.CategoryId is { } id && !RejectedIds.Contains(id) && !filedIds.Contains(id)).ToList();
    }

    private Task RemoveFiledAsync(StoredSuggestion filed) =>
        OnReject.InvokeAsync(new SuggestedCategory(filed.Path, filed.CategoryId, filed.Score, filed.Reasons));

    /// <summary>"Mental Health › Dementia": the path as the editor's category picker writes it.</summary>
    public static string Display(string path) => string.Join(" › ", CategoryPath.Split(path));

    /// <summary>How sure the classifier is, in words: "strong" is sure enough for the import to file a story.</summary>
    public static string Confidence(double score) => score >= StoryClassifier.ApplyThreshold ? "strong" : "possible";

    private static string Score(double score) => score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
