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
/// create databases); otherwise the tests start their own: initdb into a temporary folder and pg_ctl on a free
/// loopback port, with fsync off (nothing here must survive a crash), stopped and removed when the run ends.
/// initdb and postgres refuse to run as root, so as root they run as the `postgres` user that Debian's package
/// creates.
/// </summary>
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

        RemoveStoppedClusters();
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        var data = Path.Combine(folder, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", "postgres:postgres", folder);
        }

        var port = FreePort();
        RunAsOwner(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        RunAsOwner(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500",
            "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            RunAsOwner(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
            Directory.Delete(folder, recursive: true);
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20";
    }

    private const string FolderPrefix = "scs-pg-";

    // The test host may be ended before its exit handler has deleted the folder of a stopped cluster; the next run
    // removes such folders (no postmaster.pid, so no server), once they are old enough not to be another run's
    // cluster still starting.
    private static void RemoveStoppedClusters()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (!File.Exists(Path.Combine(folder, "data", "postmaster.pid"))
                && Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-10))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Someone else's, or going away anyway: not this run's concern.
                }
            }
        }
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
