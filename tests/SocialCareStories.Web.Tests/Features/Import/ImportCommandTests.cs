using System.Diagnostics;
using System.Text.Json;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Import;

/// <summary>The real executable, run as a person would run it: `import FOLDER --dry-run`.</summary>
[Trait("Category", "Process")]
public sealed class ImportCommandTests
{
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFolders.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SocialCareStories.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task A_dry_run_prints_one_json_document_of_the_sixteen_seed_stories_and_nothing_else()
    {
        var (exitCode, stdout, _) = await RunAsync("import", "seeds", "--dry-run");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var stories = json.RootElement.GetProperty("stories");
        Assert.Equal(16, stories.GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("problems").GetArrayLength());
        Assert.Equal("000_9896e660e0071ed5.txt", stories[0].GetProperty("sourceFile").GetString());
    }

    [Fact]
    public async Task A_dry_run_suggests_categories_for_each_story_with_a_score_and_the_words_it_rests_on()
    {
        var (_, stdout, _) = await RunAsync("import", "seeds", "--dry-run");

        using var json = JsonDocument.Parse(stdout);
        string[] sectors = ["Acute", "Primary Care", "Community Services", "Mental Health", "Social Care", "Leadership and Management", "Commissioning and Procurement"];
        var suggested = json.RootElement.GetProperty("stories").EnumerateArray().Select(s => s.GetProperty("suggestedCategories")).ToList();
        Assert.All(suggested.SelectMany(s => s.EnumerateArray()), suggestion =>
        {
            Assert.Contains(suggestion.GetProperty("path").GetString()!.Split(" > ")[0], sectors);
            Assert.InRange(suggestion.GetProperty("score").GetDouble(), 0, 1);
            Assert.NotEmpty(suggestion.GetProperty("reasons").EnumerateArray());
        });
        Assert.True(suggested.Count(s => s.GetArrayLength() > 0) >= 15, "most seed stories have a suggestion");
        Assert.Contains(suggested[4].EnumerateArray(), s => s.GetProperty("path").GetString() == "Mental Health > Dementia"
            && s.GetProperty("reasons").EnumerateArray().Any(r => string.Equals(r.GetString(), "dementia", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_dry_run_of_a_missing_folder_names_it_as_a_problem()
    {
        var (exitCode, stdout, _) = await RunAsync("import", "no-such-folder", "--dry-run");

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var problem = json.RootElement.GetProperty("problems")[0];
        Assert.EndsWith("no-such-folder", problem.GetProperty("sourceFile").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
