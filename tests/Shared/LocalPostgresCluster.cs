using System.Diagnostics;

namespace SocialCareStories.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's `postgresql` package: initdb into a folder of its own under the
/// temporary folder and pg_ctl on a free loopback port. The integration tests and the load benchmark both start one.
/// initdb and postgres refuse to run as root, so as root they run as the `postgres` user that Debian's package creates.
/// </summary>
/// <remarks>
/// A run must never leave a server behind, even when its process is killed (a CI timeout, Ctrl-C): each cluster's
/// folder names its owner (the owning process's pid and start time, in <see cref="OwnerFile"/>). A watchdog started
/// beside the server stops it and removes the folder once the owner has gone, and every start first stops and
/// removes the clusters of owners that are gone, in case a watchdog was killed too.
/// </remarks>
public sealed class LocalPostgresCluster : IDisposable
{
    /// <summary>Where a cluster lives (its data, log and socket); the temporary folder holds one per running owner.</summary>
    public const string FolderPrefix = "scs-pg-";

    /// <summary>In a cluster's folder: "pid start-time" of the process that owns it.</summary>
    public const string OwnerFile = "owner";

    private readonly string _bin;
    private readonly bool _asRoot;
    private int _stopped;

    private LocalPostgresCluster(string bin, bool asRoot, string folder, int port)
    {
        _bin = bin;
        _asRoot = asRoot;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The superuser's connection string, to the `postgres` database; trust authentication on loopback.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public string LogFile => Path.Combine(Folder, "server.log");

    private string DataFolder => Path.Combine(Folder, "data");

    /// <summary>
    /// Starts a new cluster; <paramref name="serverSettings"/> are postgres's own settings (`fsync=off`,
    /// `shared_buffers=512MB`), each passed as `-c`.
    /// </summary>
    public static LocalPostgresCluster Start(params string[] serverSettings)
    {
        var bin = FindBin();
        var asRoot = Environment.UserName == "root";
        RemoveAbandonedClusters(bin, asRoot, Path.GetTempPath());
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        File.WriteAllText(Path.Combine(folder, OwnerFile), OwnerOf(Environment.ProcessId) ?? $"{Environment.ProcessId}");
        if (asRoot)
        {
            Run("chown", "postgres:postgres", folder);
        }

        var cluster = new LocalPostgresCluster(bin, asRoot, folder, LoopbackPort.Free());
        cluster.RunAsOwner("initdb", "-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        cluster.StartWatchdog();
        var settings = string.Concat(serverSettings.Select(s => $" -c {s}"));
        cluster.RunAsOwner("pg_ctl", "-D", cluster.DataFolder, "-l", cluster.LogFile, "-w", "-o",
            $"-p {cluster.Port} -k {folder} -c listen_addresses=127.0.0.1{settings}", "start");
        return cluster;
    }

    /// <summary>Stops the server at once (nothing in it is kept) and removes its folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        StopServer(_bin, _asRoot, DataFolder);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The watchdog removes it when this process ends.
        }
    }

    /// <summary>The newest PostgreSQL under /usr/lib/postgresql, where Debian's package puts its programs.</summary>
    public static string FindBin()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package (./test.sh does).");
    }

    /// <summary>
    /// Stops and removes every cluster under <paramref name="temp"/> whose owner has gone. A folder that does not
    /// name its owner (left by an older version of this class) goes once it is an hour old, its server stopped too.
    /// </summary>
    public static IReadOnlyList<string> RemoveAbandonedClusters(string bin, bool asRoot, string temp)
    {
        var removed = new List<string>();
        foreach (var folder in Directory.GetDirectories(temp, FolderPrefix + "*"))
        {
            var ownerFile = Path.Combine(folder, OwnerFile);
            var abandoned = File.Exists(ownerFile)
                ? !IsRunning(File.ReadAllText(ownerFile).Trim())
                : Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddHours(-1);
            if (!abandoned)
            {
                continue;
            }

            try
            {
                StopServer(bin, asRoot, Path.Combine(folder, "data"));
                Directory.Delete(folder, recursive: true);
                removed.Add(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Another user's, or going away anyway: the next run tries again.
            }
        }

        return removed;
    }

    /// <summary>"pid start-time" for a running process (start time in clock ticks since boot, so a reused pid is told apart); null if it is not running.</summary>
    public static string? OwnerOf(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        string text;
        try
        {
            text = File.ReadAllText(stat);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces; the start time is field 22.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return $"{pid} {fields[19]}";
    }

    private static bool IsRunning(string owner) =>
        int.TryParse(owner.Split(' ')[0], out var pid) && OwnerOf(pid) is { } now && (now == owner || !owner.Contains(' ', StringComparison.Ordinal));

    private static void StopServer(string bin, bool asRoot, string data)
    {
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            RunAsOwner(bin, asRoot, "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
        }
    }

    /// <summary>
    /// A shell in a session of its own (so a Ctrl-C or a killed process group that ends the owner does not end it)
    /// that waits for this process to end, then stops the server if it still runs and removes the folder.
    /// </summary>
    private void StartWatchdog()
    {
        if (OwnerOf(Environment.ProcessId)?.Split(' ')[1] is not { } startTime)
        {
            return; // No /proc to watch: the next start's sweep is the only clean-up.
        }

        var pgCtl = (_asRoot ? "runuser -u postgres -- " : "") + $"'{Path.Combine(_bin, "pg_ctl")}'";
        // The start time is the 20th field after the command name, which is in parentheses and may hold spaces.
        var script = $"""
            exec </dev/null >/dev/null 2>&1
            while [ "$(sed 's/.*) //' /proc/{Environment.ProcessId}/stat 2>/dev/null | cut -d' ' -f20)" = "{startTime}" ]; do sleep 1; done
            [ -e '{DataFolder}/postmaster.pid' ] && {pgCtl} -D '{DataFolder}' -m immediate -w stop
            rm -rf '{Folder}'
            """;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(arg);
        }

        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("The cluster's watchdog did not start.");
    }

    private void RunAsOwner(string program, params string[] args) => RunAsOwner(_bin, _asRoot, program, args);

    private static void RunAsOwner(string bin, bool asRoot, string program, params string[] args)
    {
        var path = Path.Combine(bin, program);
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. args]);
        }
        else
        {
            Run(path, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}{stdout.Result}");
        }
    }
}
