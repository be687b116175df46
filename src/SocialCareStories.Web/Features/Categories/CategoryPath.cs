namespace SocialCareStories.Web.Features.Categories;

/// <summary>Reads and writes category paths in the seeds' form, "Parent > Child".</summary>
public static class CategoryPath
{
    public const char Separator = '>';

    public static IReadOnlyList<string> Split(string path) =>
        path.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> names) => string.Join($" {Separator} ", names);
}
