using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Import.Curation;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Import;

/// <summary>
/// An import reads only its folder's own text files: links never lead it elsewhere, a file's name is only a label,
/// and what is not text is refused with a message saying what it is.
/// </summary>
public sealed class ImportFolderSafetyTests : IDisposable
{
    private const string Post = "A secret from outside the folder\n\nThis text lives outside the import folder and must never be read.\n";
    private readonly TempFolder _folder = new();
    private readonly TempFolder _outside = new();
    private readonly SourceDocumentParser _parser = new();

    public void Dispose()
    {
        _folder.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void A_link_in_the_folder_to_a_file_elsewhere_is_reported_and_never_read()
    {
        var secret = _outside.Write("secret.txt", Post);
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "escape.txt"), Path.Combine("..", Path.GetFileName(_outside.Path), "secret.txt"));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "escape.txt")), $"the link to {secret} was not made");

        var result = _parser.ParseFolder(_folder.Path);

        Assert.Empty(result.Stories);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("escape.txt", problem.SourceFile);
        Assert.Equal(SourceDocumentParser.FollowsNoLinks, problem.Message);
    }

    [Fact]
    public async Task A_curation_file_that_is_a_link_is_reported_and_not_applied()
    {
        _folder.Write("post.txt", "A day at the allotment\n\nResidents planted potatoes with volunteers from the village.\n");
        var outsideCuration = _outside.Write(CurationFile.FileName, "{ \"stories\": [] }");
        File.CreateSymbolicLink(Path.Combine(_folder.Path, CurationFile.FileName), outsideCuration);
        await using var portal = new EmptyPortalFactory();
        await using var scope = portal.Services.CreateAsyncScope();

        var outcome = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(_folder.Path);

        Assert.Equal(1, outcome.Created);
        Assert.Contains(outcome.Problems, p => p.SourceFile == CurationFile.FileName && p.Message.StartsWith(SourceDocumentParser.FollowsNoLinks, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_name_with_dots_is_only_a_label_for_the_story()
    {
        _folder.Write("..hidden..txt", "A day at the allotment\n\nResidents planted potatoes with volunteers from the village.\n");

        var story = Assert.Single(_parser.ParseFolder(_folder.Path).Stories);

        Assert.Equal("..hidden..txt", story.SourceFile);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside.Path));
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A }, "a PDF document")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "a ZIP archive")]
    [InlineData(new byte[] { 0x41, 0x20, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x1B, 0x5B, 0x33, 0x31, 0x6D }, "control character (byte 0x1B at position 7)")]
    public void A_document_that_is_not_text_is_refused_saying_what_it_is(byte[] content, string said)
    {
        var result = _parser.ParseBytes("document.txt", content);

        Assert.Empty(result.Stories);
        Assert.Contains(said, Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }
}
