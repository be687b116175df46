using System.Text;
using SocialCareStories.Web.Features.Import.Conventions;
using SocialCareStories.Web.Features.Shared;

namespace SocialCareStories.Web.Features.Import;

/// <summary>
/// Reads a folder of scraped documents into posts: each file is checked (size, text, UTF-8), matched to the
/// first convention that recognises its shape, and read. A bad file is reported and the others still read.
/// </summary>
public sealed class SourceDocumentParser
{
    public const long MaxFileBytes = 2 * 1024 * 1024;

    // Most specific first; the single-post convention takes whatever is left.
    private static readonly ISourceConvention[] Conventions =
    [
        new ArchivePageConvention(),
        new BlogWithCommentsConvention(),
        new SeriesConvention(),
        new NewsArticleConvention(),
        new SinglePostConvention(),
    ];

    /// <summary>
    /// A link in the folder could point anywhere on the machine (../../etc/passwd.txt); an import reads only the
    /// folder's own files, and a file's name is only ever a label, never a path.
    /// </summary>
    public const string FollowsNoLinks = "The file is a link to another place; an import reads only the files in its folder and never follows links.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The documents a folder holds, in file-name order: every *.txt file, and nothing else.</summary>
    public static IReadOnlyList<string> DocumentsIn(string folder) =>
        Directory.EnumerateFiles(folder, "*.txt", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .ToList();

    public ImportParseResult ParseFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return new ImportParseResult([], [new ImportProblem(folder, "The folder does not exist.")]);
        }

        var stories = new List<ImportedStory>();
        var problems = new List<ImportProblem>();
        var documents = DocumentsIn(folder);
        if (documents.Count == 0)
        {
            problems.Add(new ImportProblem(folder, "The folder holds no .txt documents."));
        }

        foreach (var path in documents)
        {
            var result = ParseFile(path);
            stories.AddRange(result.Stories);
            problems.AddRange(result.Problems);
        }

        return new ImportParseResult(stories, problems);
    }

    public ImportParseResult ParseFile(string path)
    {
        var name = Path.GetFileName(path);
        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            return Failed(name, FollowsNoLinks);
        }

        var length = file.Length;
        if (length > MaxFileBytes)
        {
            return Failed(name, $"The file is {length / 1024:N0} KB, over the {MaxFileBytes / 1024:N0} KB limit for one document.");
        }

        return ParseBytes(name, File.ReadAllBytes(path));
    }

    public ImportParseResult ParseBytes(string sourceFile, byte[] bytes)
    {
        if (bytes.Length > MaxFileBytes)
        {
            return Failed(sourceFile, $"The file is {bytes.Length / 1024:N0} KB, over the {MaxFileBytes / 1024:N0} KB limit for one document.");
        }

        if (TextFiles.WhyNotText(bytes) is { } notText)
        {
            return Failed(sourceFile, $"The file cannot be imported: {notText}.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return Failed(sourceFile, $"The file is not UTF-8 text (invalid byte at position {e.Index}); save it as UTF-8 and import it again.");
        }

        return ParseText(sourceFile, text.TrimStart('\uFEFF'));
    }

    public ImportParseResult ParseText(string sourceFile, string text)
    {
        var lines = new SourceLines(text);
        if (lines.NextNonBlank(0) >= lines.Count)
        {
            return Failed(sourceFile, "The file is empty.");
        }

        var problems = new List<ImportProblem>();
        var convention = Conventions.First(c => c.Recognises(lines));
        var stories = convention.Read(sourceFile, lines, problems);
        var empty = stories.Where(s => s.BodyMarkdown.Length == 0).ToList();
        foreach (var story in empty)
        {
            problems.Add(new ImportProblem(sourceFile, $"Post {story.Position} (\"{story.Title}\") has no body and was left out."));
        }

        return new ImportParseResult(stories.Except(empty).ToList(), problems);
    }

    private static ImportParseResult Failed(string sourceFile, string message) => new([], [new ImportProblem(sourceFile, message)]);
}
