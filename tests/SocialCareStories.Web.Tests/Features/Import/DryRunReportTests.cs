using System.Text.Json;
using SocialCareStories.Web.Features.Import;

namespace SocialCareStories.Web.Tests.Features.Import;

public class DryRunReportTests
{
    private const string Blog = """
        Small acts, big difference

        Posted on February 9th, by editor in Care Blog. 2 comments

        By guest blogger Priya Shah,

        Registered Manager at the Oakwood Care Home

        Last spring our residents started a letter-writing club with the local primary school.
        Categories:
          • Good News

        2 responses to “Small acts, big difference”

          1. Alan Green says:

            What a lovely idea.

          2. My mum loves the letters.
        """;

    private const string Archive = """
        Tag Archives: Dementia Care

        Gardens that help memory

        Tom Reid – a post that first appeared on Care Today website on the 9th March 2017

        The sensory garden at Elm Court has become the busiest room in the home.
        """;

    private const string News = """
        Care homes open their doors for a summer fair

        Care homes across Yorkshire will open their doors to neighbours this weekend, the association said.

        Care homes across Yorkshire will open their doors to neighbours this weekend, the association said.

        Comments are closed.
        """;

    private static JsonElement Report()
    {
        var parser = new SourceDocumentParser();
        var parts = new[]
        {
            parser.ParseText("blog.txt", Blog),
            parser.ParseText("archive.txt", Archive),
            parser.ParseText("news.txt", News),
            parser.ParseText("empty.txt", ""),
        };
        var result = new ImportParseResult([.. parts.SelectMany(p => p.Stories)], [.. parts.SelectMany(p => p.Problems)]);
        using var document = JsonDocument.Parse(DryRunReport.ToJson(result));
        return document.RootElement.Clone();
    }

    private static JsonElement Story(int index) => Report().GetProperty("stories")[index];

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void The_report_holds_stories_and_problems()
    {
        string[] expected = ["stories", "problems"];

        Assert.Equal(expected, Names(Report()));
    }

    [Fact]
    public void Each_story_has_the_documented_properties()
    {
        string[] expected =
        [
            "sourceFile", "title", "kind", "authors", "publishedOn", "categories", "suggestedCategories", "tags", "comments", "bodyMarkdown", "needsReview",
        ];

        Assert.All(Report().GetProperty("stories").EnumerateArray(), story => Assert.Equal(expected, Names(story)));
    }

    [Fact]
    public void Each_comment_has_an_author_and_a_body()
    {
        string[] expected = ["author", "body"];

        Assert.All(Story(0).GetProperty("comments").EnumerateArray(), comment => Assert.Equal(expected, Names(comment)));
    }

    [Fact]
    public void Each_problem_names_the_file_and_the_reason()
    {
        string[] expected = ["sourceFile", "message"];
        var problem = Assert.Single(Report().GetProperty("problems").EnumerateArray());

        Assert.Equal(expected, Names(problem));
        Assert.Equal("empty.txt", problem.GetProperty("sourceFile").GetString());
        Assert.Equal("The file is empty.", problem.GetProperty("message").GetString());
    }

    [Fact]
    public void Story_values_are_written_as_read()
    {
        var story = Story(0);

        Assert.Equal("blog.txt", story.GetProperty("sourceFile").GetString());
        Assert.Equal("Small acts, big difference", story.GetProperty("title").GetString());
        Assert.Equal(["Priya Shah"], story.GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["Good News"], story.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Last spring our residents started a letter-writing club with the local primary school.", story.GetProperty("bodyMarkdown").GetString());
        Assert.False(story.GetProperty("needsReview").GetBoolean());
    }

    [Fact]
    public void A_date_without_a_year_is_published_on_null()
    {
        Assert.Equal(JsonValueKind.Null, Story(0).GetProperty("publishedOn").ValueKind);
    }

    [Fact]
    public void A_whole_date_is_published_on_as_an_iso_date()
    {
        Assert.Equal("2017-03-09", Story(1).GetProperty("publishedOn").GetString());
    }

    [Fact]
    public void A_comment_without_a_name_has_a_null_author()
    {
        var comments = Story(0).GetProperty("comments");

        Assert.Equal("Alan Green", comments[0].GetProperty("author").GetString());
        Assert.Equal(JsonValueKind.Null, comments[1].GetProperty("author").ValueKind);
        Assert.Equal("My mum loves the letters.", comments[1].GetProperty("body").GetString());
    }

    [Fact]
    public void Tags_are_listed_as_strings()
    {
        Assert.Equal(["Dementia Care"], Story(1).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Kinds_are_written_in_words()
    {
        Assert.Equal("blog post", Story(0).GetProperty("kind").GetString());
        Assert.Equal("news", Story(2).GetProperty("kind").GetString());
    }

    [Fact]
    public void Typographic_quotes_are_written_as_they_are_not_escaped()
    {
        var parser = new SourceDocumentParser();
        var json = DryRunReport.ToJson(parser.ParseText("quote.txt", "‘Music got me talking again’\n\nA choir changed our evenings.\n"));

        Assert.Contains("‘Music got me talking again’", json, StringComparison.Ordinal);
    }
}
