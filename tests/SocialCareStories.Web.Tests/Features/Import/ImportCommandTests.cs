using System.Diagnostics;
using System.Text.Json;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Import;

/// <summary>The real executable, run as a person would run it: `import FOLDER --dry-run`.</summary>
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
