namespace SocialCareStories.Web.Features.Categories;

/// <summary>
/// A category the classifier suggested for a story, with how sure it was and the words it rests on, and what became
/// of it: filed automatically on import, offered to an editor, or accepted or rejected by one. A rejected suggestion
/// is not offered again.
/// </summary>
public sealed class CategorySuggestion
{
    public const int ReasonsLength = 500;

    public int Id { get; set; }
    public int StoryId { get; set; }
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    public double Score { get; set; }

    /// <summary>The words found, most telling first, separated by "; ".</summary>
    public string Reasons { get; set; } = "";
    public SuggestionState State { get; set; }
}

public enum SuggestionState
{
    /// <summary>Confident enough to file the story on import; an editor may still reject it.</summary>
    Applied = 0,

    /// <summary>Shown to an editor, not filed.</summary>
    Offered = 1,
    Accepted = 2,
    Rejected = 3,
}
