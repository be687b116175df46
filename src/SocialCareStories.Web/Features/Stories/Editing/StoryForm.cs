using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Classification;
using SocialCareStories.Web.Features.Categories.Taxonomy;

namespace SocialCareStories.Web.Features.Stories.Editing;

/// <summary>What an editor fills in: the story's text and its links, plus the version they loaded.</summary>
public sealed class StoryForm
{
    /// <summary>Null for a story not saved yet.</summary>
    public int? Id { get; set; }

    /// <summary>The concurrency token the editor loaded; a save only succeeds if the story still has it.</summary>
    public Guid? Version { get; set; }

    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Summary { get; set; }
    public string Body { get; set; } = "";
    public StoryKind Kind { get; set; } = StoryKind.BlogPost;
    public List<int> CategoryIds { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<string> Authors { get; set; } = [];
    public string? SourcePublication { get; set; }
    public string? SourceUrl { get; set; }

    /// <summary>The media library image at the top of the story; null for none.</summary>
    public int? FeatureImageId { get; set; }

    /// <summary>
    /// The feature image's alt text, caption, credit and focal point as the editor sets them here: they belong to the
    /// library image (every story using it shows them) and are saved with the story, alt text required.
    /// </summary>
    public Media.MediaDetails FeatureImage { get; set; } = new();

    /// <summary>For case studies: the details readers see on /case-studies (kept in the story's case study).</summary>
    public CaseStudyDetails CaseStudy { get; set; } = new();

    /// <summary>
    /// Categories the editor turned down: suggestions they said "not this" to, and categories filed on import that
    /// they removed. Saved as rejected suggestions, which are never offered again. Autosaved drafts keep only the
    /// text, so an unsaved rejection lasts as long as the editor's page.
    /// </summary>
    public List<int> RejectedCategoryIds { get; set; } = [];

    /// <summary>
    /// What the classifier suggests for the text as the editor left it (and any suggestion they acted on since):
    /// a suggestion saved as accepted or rejected keeps its score and reasons from here.
    /// </summary>
    public List<SuggestedCategory> Suggestions { get; set; } = [];

    /// <summary>What the classifier suggested before this session and what became of it; read, never written from the form.</summary>
    public IReadOnlyList<StoredSuggestion> StoredSuggestions { get; set; } = [];

    /// <summary>Whether the import asked an editor to review the story, and why; read, never written from the form.</summary>
    public bool NeedsReview { get; set; }
    public string? ReviewNote { get; set; }

    /// <summary>
    /// Classifies the text as it stands and returns the fresh suggestions. <see cref="Suggestions"/> keeps, besides
    /// them, any the editor has already added or turned down, so the save records those with what the editor saw.
    /// </summary>
    public IReadOnlyList<SuggestedCategory> Reclassify(Taxonomy taxonomy)
    {
        var fresh = StoryClassifier.Suggest(taxonomy, Title, Summary, Body).Where(s => s.CategoryId is not null).ToList();
        var freshIds = fresh.Select(s => s.CategoryId).ToHashSet();
        Suggestions = [.. fresh, .. Suggestions.Where(s => !freshIds.Contains(s.CategoryId) && IsDecided(s.CategoryId!.Value))];
        return fresh;
    }

    /// <summary>"Add": files the story under the suggestion; choosing a category takes back an earlier "not this".</summary>
    public void Accept(SuggestedCategory suggestion)
    {
        var id = suggestion.CategoryId!.Value;
        Remember(suggestion);
        ChooseCategories(CategoryIds.Contains(id) ? CategoryIds : [.. CategoryIds, id]);
    }

    /// <summary>"Not this", or "Remove" on a category the import filed: the story loses it and it is not offered again.</summary>
    public void Reject(SuggestedCategory suggestion)
    {
        var id = suggestion.CategoryId!.Value;
        Remember(suggestion);
        CategoryIds = CategoryIds.Where(c => c != id).ToList();
        if (!RejectedCategoryIds.Contains(id))
        {
            RejectedCategoryIds.Add(id);
        }
    }

    /// <summary>
    /// The categories as picked: a category the import filed (or the editor accepted before) that is taken away is
    /// turned down, as "Remove" does; a category chosen is no longer turned down.
    /// </summary>
    public void ChooseCategories(IEnumerable<int> ids)
    {
        var chosen = ids.Distinct().ToList();
        var removed = CategoryIds.Except(chosen);
        RejectedCategoryIds = RejectedCategoryIds
            .Concat(removed.Where(id => StoredSuggestions.Any(s => s.CategoryId == id && s.State is SuggestionState.Applied or SuggestionState.Accepted)))
            .Where(id => !chosen.Contains(id)).Distinct().ToList();
        // A new list, so the category picker sees the change.
        CategoryIds = chosen;
    }

    private bool IsDecided(int categoryId) => CategoryIds.Contains(categoryId) || RejectedCategoryIds.Contains(categoryId);

    private void Remember(SuggestedCategory suggestion)
    {
        if (!Suggestions.Any(s => s.CategoryId == suggestion.CategoryId))
        {
            Suggestions = [.. Suggestions, suggestion];
        }
    }
}

/// <summary>A suggestion as the store keeps it: its category's path ("Mental Health > Dementia"), score, reasons and state.</summary>
public sealed record StoredSuggestion(int CategoryId, string Path, double Score, IReadOnlyList<string> Reasons, SuggestionState State);

/// <summary>The practice a case-study story tells: who did it, with whom, where, what they did and what came of it.</summary>
public sealed class CaseStudyDetails
{
    /// <summary>Organisation names, one per line or separated by commas; unknown names become organisations.</summary>
    public string? Organisations { get; set; }
    public string? Partners { get; set; }
    public string? Place { get; set; }
    public string? WhatWasDone { get; set; }
    public string? Outcomes { get; set; }

    public bool IsEmpty => new[] { Organisations, Partners, Place, WhatWasDone, Outcomes }.All(string.IsNullOrWhiteSpace);

    public IReadOnlyList<string> OrganisationNames => (Organisations ?? "")
        .Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .DistinctBy(name => name.ToUpperInvariant()).ToList();
}

/// <summary>What an editor asks for when saving.</summary>
public enum StoryTransition
{
    /// <summary>Save the text and keep the status (a new story becomes a draft; a published one updates live).</summary>
    Save,
    Publish,
    Schedule,
    Unpublish,
}

public enum EditOutcome
{
    Saved,
    Invalid,
    Conflict,
    NotFound,
}

/// <summary>The story as another editor left it, for the editor whose save was refused to compare and choose.</summary>
public sealed record TheirVersion(Guid Version, string Title, string Slug, string? Summary, string Body, string SavedBy, DateTimeOffset SavedAt);

public sealed record EditResult(EditOutcome Outcome)
{
    public int StoryId { get; init; }
    public Guid Version { get; init; }
    public string Slug { get; init; } = "";
    public StoryStatus Status { get; init; }

    /// <summary>Messages keyed by the field they are about (see <see cref="StoryFields"/>).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
    public TheirVersion? Theirs { get; init; }

    public static EditResult NotFound { get; } = new(EditOutcome.NotFound);
}

/// <summary>Field names that validation messages are keyed by, so the editor can show each beside its field.</summary>
public static class StoryFields
{
    public const string Title = nameof(Title);
    public const string Slug = nameof(Slug);
    public const string Summary = nameof(Summary);
    public const string Body = nameof(Body);
    public const string Tags = nameof(Tags);
    public const string Source = nameof(Source);
    public const string SourceUrl = nameof(SourceUrl);
    public const string Note = nameof(Note);
    public const string ScheduledFor = nameof(ScheduledFor);
    public const string Authors = nameof(Authors);
    public const string CaseStudy = nameof(CaseStudy);
    public const string FeatureImage = nameof(FeatureImage);

    /// <summary>Not a field: the store could not take the save (see <see cref="StoryEditing.StoreBusyMessage"/>).</summary>
    public const string Store = nameof(Store);
}
