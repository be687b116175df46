using System.Diagnostics;

namespace SocialCareStories.Benchmarks;

/// <summary>What every command of the benchmark does around its measurement: find the repository, publish the app in Release, tidy up.</summary>
internal static class Workspace
{
    public static async Task PublishAsync(string root, string output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await ChildProcess.RunToEndAsync(
            "dotnet", ["publish", Path.Combine(root, "src", "SocialCareStories.Web"), "-c", "Release", "-o", output, "--nologo"],
            new Dictionary<string, string>(), workingDirectory: null, cancellationToken);
        Console.WriteLine($"  published to {output} in {clock.Elapsed.TotalSeconds:F0} s");
    }

    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "SocialCareStories.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository (SocialCareStories.sln not found).");
    }

    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not remove {folder}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"Could not remove {folder}: {e.Message}");
        }
    }
}
