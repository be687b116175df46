namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// One way a site lays out its pages. Conventions recognise a document by its shape, not its file name,
/// so a document never seen before still imports if it follows one of them.
/// </summary>
public interface ISourceConvention
{
    string Name { get; }

    bool Recognises(SourceLines lines);

    IReadOnlyList<ImportedStory> Read(string sourceFile, SourceLines lines, ICollection<ImportProblem> problems);
}
