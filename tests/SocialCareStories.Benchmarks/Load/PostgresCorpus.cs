using System.Diagnostics;
using Npgsql;
using SocialCareStories.TestSupport;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>
/// For <c>--store postgres</c>: a throwaway PostgreSQL cluster from Debian's package on loopback, and the corpus moved
/// into it the way an operator moves a portal, with the published app's own <c>copy-store --to Postgres</c>.
/// </summary>
internal static class PostgresCorpus
{
    private const string Database = "socialcarestories";

    /// <summary>
    /// Durable as in service (fsync on), with a buffer cache that holds the 100,000-story corpus's hot pages; the
    /// rest are PostgreSQL's defaults. The server runs on the same two cores as the app, wrk and Chromium.
    /// </summary>
    private static readonly string[] ServerSettings = ["shared_buffers=512MB", "max_connections=200"];

    public static async Task<LocalPostgresCluster> StartClusterAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            await DebianPackages.InstallAsync("postgresql", cancellationToken);
        }

        var cluster = LocalPostgresCluster.Start(ServerSettings);
        Console.WriteLine($"  PostgreSQL on 127.0.0.1:{cluster.Port} ({cluster.Folder})");
        return cluster;
    }

    /// <summary>Creates the database, copies the SQLite corpus into it with copy-store (which checks every table's count), and returns the app's store.</summary>
    public static async Task<AppStore> CopyAsync(LocalPostgresCluster cluster, string appFolder, string databasePath, CancellationToken cancellationToken)
    {
        string version;
        await using (var connection = new NpgsqlConnection(cluster.AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            version = connection.PostgreSqlVersion.ToString(2);
        }

        var target = new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString) { Database = Database }.ConnectionString;
        var clock = Stopwatch.StartNew();
        var output = await ChildProcess.RunToEndAsync(
            "dotnet", [Path.Combine(appFolder, "SocialCareStories.Web.dll"), "copy-store", "--to", "Postgres", "--connection", target],
            AppStore.Sqlite(databasePath).Environment, appFolder, cancellationToken);
        Console.WriteLine($"  copy-store: {clock.Elapsed.TotalSeconds:F0} s; {output.Trim().Split('\n')[^1]}");
        var description = $"PostgreSQL {version} on loopback (`{string.Join("`, `", ServerSettings)}`, otherwise its defaults), on the same cores; "
            + $"the corpus copied into it with `copy-store --to Postgres` in {clock.Elapsed.TotalMinutes:F1} min";
        return AppStore.Postgres(description, target);
    }
}
