using System.Diagnostics;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>A killed test run must not leave its PostgreSQL cluster behind for ever: the next run removes it.</summary>
public sealed class PostgresTestClusterTests
{
    [Fact]
    public void The_next_run_removes_clusters_whose_test_host_has_gone_and_keeps_those_still_owned()
    {
        using var temp = new TempFolder();
        var gone = Cluster(temp, $"{ExitedProcessId()} 12345");
        var reusedPid = Cluster(temp, $"{Environment.ProcessId} 1");
        var running = Cluster(temp, PostgresTestCluster.OwnerOf(Environment.ProcessId)!);
        var starting = Directory.CreateDirectory(Path.Combine(temp.Path, PostgresTestCluster.FolderPrefix + "starting")).FullName;

        var removed = PostgresTestCluster.RemoveAbandonedClusters("/nonexistent/bin", asRoot: false, temp.Path);

        Assert.Equal(new[] { gone, reusedPid }.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(gone));
        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(starting));
    }

    private static string Cluster(TempFolder temp, string owner)
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, $"{PostgresTestCluster.FolderPrefix}{Guid.NewGuid():N}")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, PostgresTestCluster.OwnerFile), owner);
        return folder;
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
