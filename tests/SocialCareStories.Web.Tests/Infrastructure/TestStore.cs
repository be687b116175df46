using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>
/// Which engine the integration suite runs on: SQLite unless SCS_TEST_STORE=Postgres. On PostgreSQL every portal
/// gets a database of its own in one throwaway cluster (<see cref="PostgresTestCluster"/>).
/// </summary>
public static class TestStore
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("SCS_TEST_STORE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// How long a bunit test waits for a screen's first load. The screens load in OnInitializedAsync; over a
    /// connection to PostgreSQL, on a busy machine, that can take longer than bunit's default of one second.
    /// </summary>
    public static readonly TimeSpan ScreenLoadTimeout = TimeSpan.FromSeconds(15);

    public const string SqliteOnlyReason = "SQLite only: this checks a property of the SQLite file or its FTS5 index (the suite is running on PostgreSQL)";
}

/// <summary>A fact that only means something on SQLite; on PostgreSQL it is reported as skipped, with the reason.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute()
    {
        if (TestStore.IsPostgres)
        {
            Skip = TestStore.SqliteOnlyReason;
        }
    }
}

/// <summary>A fact about the PostgreSQL store only; skipped, with the reason, when the suite runs on SQLite.</summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute()
    {
        if (!TestStore.IsPostgres)
        {
            Skip = "PostgreSQL only: run the suite with SCS_TEST_STORE=Postgres (./test.sh does)";
        }
    }
}

/// <summary>
/// A PostgreSQL cluster for this test run. SCS_TEST_POSTGRES may name one (a connection string whose user can
/// create databases); otherwise the tests start their own: initdb into a folder of its own under the temporary
/// folder and pg_ctl on a free loopback port, with fsync off (nothing here must survive a crash). initdb and
/// postgres refuse to run as root, so as root they run as the `postgres` user that Debian's package creates.
/// </summary>
/// <remarks>
/// A run must never leave a server behind, even when its test host is killed (a CI timeout, Ctrl-C): each
/// cluster's folder names its owner (the test host's pid and start time, in <see cref="OwnerFile"/>). A watchdog
/// started beside the server stops it and removes the folder once the owner has gone, and every run first stops
/// and removes the clusters of owners that are gone, in case a watchdog was killed too.
/// </remarks>
public static class PostgresTestCluster
{
    private static readonly Lazy<string> AdminConnection = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new, empty database; its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = $"scs_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(AdminConnection.Value))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnection.Value) { Database = name }.ConnectionString;
    }

    /// <summary>A new database when the suite runs on PostgreSQL; otherwise "" and no cluster is started.</summary>
    public static string CreateDatabaseIfRunning() => TestStore.IsPostgres ? CreateDatabase() : "";

    public static void DropDatabase(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(AdminConnection.Value);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Where this run's cluster lives (its data, log and socket); the temporary folder holds one per run.</summary>
    public const string FolderPrefix = "scs-pg-";

    /// <summary>In a cluster's folder: "pid start-time" of the test host that owns it.</summary>
    public const string OwnerFile = "owner";

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("SCS_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package (./test.sh does), or set SCS_TEST_POSTGRES.");
        }

        var asRoot = Environment.UserName == "root";
        RemoveAbandonedClusters(bin, asRoot, Path.GetTempPath());
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        File.WriteAllText(Path.Combine(folder, OwnerFile), OwnerOf(Environment.ProcessId) ?? $"{Environment.ProcessId}");
        var data = Path.Combine(folder, "data");
        if (asRoot)
        {
            Run("chown", "postgres:postgres", folder);
        }

        var port = FreePort();
        RunAsOwner(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        StartWatchdog(bin, asRoot, folder);
        RunAsOwner(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500",
            "start");
        // Stopped at once when the run ends normally; the watchdog then only has the folder to remove.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                StopServer(bin, asRoot, data);
            }
            catch (InvalidOperationException)
            {
                // The watchdog stops it.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20";
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
            RunAsOwner(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
        }
    }

    /// <summary>
    /// A shell in a session of its own (so a Ctrl-C or a killed process group that ends the test host does not end it)
    /// that waits for this process to end, then stops the server if it still runs and removes the folder.
    /// </summary>
    private static void StartWatchdog(string bin, bool asRoot, string folder)
    {
        if (OwnerOf(Environment.ProcessId)?.Split(' ')[1] is not { } startTime)
        {
            return; // No /proc to watch: the next run's sweep is the only clean-up.
        }

        var data = Path.Combine(folder, "data");
        var pgCtl = (asRoot ? "runuser -u postgres -- " : "") + $"'{Path.Combine(bin, "pg_ctl")}'";
        // The start time is the 20th field after the command name, which is in parentheses and may hold spaces.
        var script = $"""
            exec </dev/null >/dev/null 2>&1
            while [ "$(sed 's/.*) //' /proc/{Environment.ProcessId}/stat 2>/dev/null | cut -d' ' -f20)" = "{startTime}" ]; do sleep 1; done
            [ -e '{data}/postmaster.pid' ] && {pgCtl} -D '{data}' -m immediate -w stop
            rm -rf '{folder}'
            """;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(arg);
        }

        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("The cluster's watchdog did not start.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsOwner(bool asRoot, string program, params string[] args)
    {
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
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
