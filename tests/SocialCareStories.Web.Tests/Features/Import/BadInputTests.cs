using System.Text;
using SocialCareStories.Web.Features.Import;

namespace SocialCareStories.Web.Tests.Features.Import;

public sealed class BadInputTests : IDisposable
{
    private const string GoodPost = """
        A day at the Riverside allotment

        Residents of Riverside House spent the morning planting potatoes with volunteers from the village.
        Categories:
          • Good News
        Menu
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "import-tests-" + Guid.NewGuid().ToString("N"));
    private readonly SourceDocumentParser _parser = new();

    public BadInputTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_empty_text_is_reported_as_empty()
    {
        var result = _parser.ParseText("empty.txt", "");

        Assert.Empty(result.Stories);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("empty.txt", problem.SourceFile);
        Assert.Contains("empty", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_text_of_only_blank_and_non_breaking_space_lines_is_empty()
    {
        var result = _parser.ParseText("blank.txt", "\n  \n\u00a0\u00a0\n\t\r\n");

        Assert.Empty(result.Stories);
        Assert.Contains("empty", Assert.Single(result.Problems).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_file_with_nul_bytes_is_reported_as_binary()
    {
        var result = _parser.ParseBytes("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x41, 0x42]);

        Assert.Empty(result.Stories);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("image.txt", problem.SourceFile);
        Assert.Contains("binary", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_reported_and_not_guessed_at()
    {
        var latin1 = Encoding.Latin1.GetBytes("Café news\n\nResidents enjoyed a café morning with their families.");

        var result = _parser.ParseBytes("latin1.txt", latin1);

        Assert.Empty(result.Stories);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("latin1.txt", problem.SourceFile);
        Assert.Contains("not UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_over_the_size_limit_are_reported_without_being_read()
    {
        var result = _parser.ParseBytes("huge.txt", new byte[SourceDocumentParser.MaxFileBytes + 1]);

        Assert.Empty(result.Stories);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("huge.txt", problem.SourceFile);
        Assert.Contains("limit", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_reported_by_name()
    {
        var path = Path.Combine(_folder, "huge.txt");
        File.WriteAllText(path, new string('a', (int)SourceDocumentParser.MaxFileBytes + 1));

        var result = _parser.ParseFile(path);

        Assert.Empty(result.Stories);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("huge.txt", problem.SourceFile);
        Assert.Contains("limit", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_exactly_at_the_size_limit_is_still_read()
    {
        var text = GoodPost + new string(' ', (int)SourceDocumentParser.MaxFileBytes - Encoding.UTF8.GetByteCount(GoodPost));
        var bytes = Encoding.UTF8.GetBytes(text);

        var result = _parser.ParseBytes("full.txt", bytes);

        Assert.Equal(SourceDocumentParser.MaxFileBytes, bytes.Length);
        Assert.Single(result.Stories);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_title()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(GoodPost)).ToArray();

        var story = Assert.Single(_parser.ParseBytes("bom.txt", bytes).Stories);

        Assert.Equal("A day at the Riverside allotment", story.Title);
    }

    [Fact]
    public void A_missing_folder_is_reported()
    {
        var missing = Path.Combine(_folder, "no-such-folder");

        var result = _parser.ParseFolder(missing);

        Assert.Empty(result.Stories);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(missing, problem.SourceFile);
        Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_documents_is_reported()
    {
        File.WriteAllText(Path.Combine(_folder, "notes.md"), GoodPost);

        var result = _parser.ParseFolder(_folder);

        Assert.Empty(result.Stories);
        Assert.Contains(".txt", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_files_are_reported_and_the_good_file_in_the_folder_still_parses()
    {
        File.WriteAllText(Path.Combine(_folder, "a_empty.txt"), "");
        File.WriteAllBytes(Path.Combine(_folder, "b_binary.txt"), [0x47, 0x49, 0x46, 0x00, 0x01]);
        File.WriteAllText(Path.Combine(_folder, "c_good.txt"), GoodPost);
        File.WriteAllBytes(Path.Combine(_folder, "d_latin1.txt"), Encoding.Latin1.GetBytes("Café news\n\nA café morning."));
        File.WriteAllText(Path.Combine(_folder, "e_huge.txt"), new string('a', (int)SourceDocumentParser.MaxFileBytes + 1));

        var result = _parser.ParseFolder(_folder);

        var story = Assert.Single(result.Stories);
        Assert.Equal("c_good.txt", story.SourceFile);
        Assert.Equal("A day at the Riverside allotment", story.Title);
        string[] reported = ["a_empty.txt", "b_binary.txt", "d_latin1.txt", "e_huge.txt"];
        Assert.Equal(reported, result.Problems.Select(p => p.SourceFile));
    }

    [Fact]
    public void Each_bad_file_is_reported_with_its_own_reason()
    {
        File.WriteAllText(Path.Combine(_folder, "a_empty.txt"), "");
        File.WriteAllBytes(Path.Combine(_folder, "b_binary.txt"), [0x47, 0x49, 0x46, 0x00, 0x01]);
        File.WriteAllBytes(Path.Combine(_folder, "d_latin1.txt"), Encoding.Latin1.GetBytes("Café news\n\nA café morning."));
        File.WriteAllText(Path.Combine(_folder, "e_huge.txt"), new string('a', (int)SourceDocumentParser.MaxFileBytes + 1));

        var messages = _parser.ParseFolder(_folder).Problems.ToDictionary(p => p.SourceFile, p => p.Message);

        Assert.Contains("empty", messages["a_empty.txt"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("binary", messages["b_binary.txt"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("UTF-8", messages["d_latin1.txt"], StringComparison.Ordinal);
        Assert.Contains("limit", messages["e_huge.txt"], StringComparison.Ordinal);
    }

    [Fact]
    public void Only_txt_files_are_read_from_a_folder()
    {
        File.WriteAllText(Path.Combine(_folder, "good.txt"), GoodPost);
        File.WriteAllText(Path.Combine(_folder, "readme.md"), GoodPost);
        File.WriteAllBytes(Path.Combine(_folder, "photo.jpg"), [0xFF, 0xD8, 0x00, 0x00]);

        var result = _parser.ParseFolder(_folder);

        Assert.Equal("good.txt", Assert.Single(result.Stories).SourceFile);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_folder_is_read_in_file_name_order()
    {
        File.WriteAllText(Path.Combine(_folder, "b.txt"), GoodPost.Replace("Riverside", "Hillside", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_folder, "a.txt"), GoodPost);
        File.WriteAllText(Path.Combine(_folder, "c.txt"), GoodPost.Replace("Riverside", "Lakeside", StringComparison.Ordinal));

        var result = _parser.ParseFolder(_folder);

        string[] expected = ["a.txt", "b.txt", "c.txt"];
        Assert.Equal(expected, result.Stories.Select(s => s.SourceFile));
    }
}
