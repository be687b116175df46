using System.Diagnostics;
using SocialCareStories.TestSupport;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>A killed test run must not leave its PostgreSQL cluster behind for ever: the next run removes it.</summary>
[Trait("Category", "Process")]
public sealed class LocalPostgresClusterTests
{
    [Fact]
    public void The_next_run_removes_clusters_whose_test_host_has_gone_and_keeps_those_still_owned()
    {
        using var temp = new TempFolder();
        var gone = Cluster(temp, $"{ExitedProcessId()} 12345");
        var reusedPid = Cluster(temp, $"{Environment.ProcessId} 1");
        var running = Cluster(temp, LocalPostgresCluster.OwnerOf(Environment.ProcessId)!);
        var starting = Directory.CreateDirectory(Path.Combine(temp.Path, LocalPostgresCluster.FolderPrefix + "starting")).FullName;

        var removed = LocalPostgresCluster.RemoveAbandonedClusters("/nonexistent/bin", asRoot: false, temp.Path);

        Assert.Equal(new[] { gone, reusedPid }.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(gone));
        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(starting));
    }

    private static string Cluster(TempFolder temp, string owner)
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, $"{LocalPostgresCluster.FolderPrefix}{Guid.NewGuid():N}")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, LocalPostgresCluster.OwnerFile), owner);
        return folder;
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
