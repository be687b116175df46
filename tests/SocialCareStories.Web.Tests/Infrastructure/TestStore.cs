using Npgsql;
using SocialCareStories.TestSupport;

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
/// create databases); otherwise the tests start their own <see cref="LocalPostgresCluster"/>, with fsync off
/// (nothing here must survive a crash), which is stopped and removed however the run ends.
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

        var cluster = LocalPostgresCluster.Start("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=500");
        // Stopped at once when the run ends normally; the watchdog then only has the folder to remove.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                cluster.Dispose();
            }
            catch (InvalidOperationException)
            {
                // The watchdog stops it.
            }
        };
        return $"{cluster.AdminConnectionString};Pooling=true;Maximum Pool Size=20";
    }
}
