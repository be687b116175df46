using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>
/// The whole portal in memory, on its own real SQLite file (or, with SCS_TEST_STORE=Postgres, its own PostgreSQL
/// database), migrated and (unless told otherwise) seeded from the repository's seeds exactly as a fresh start would be.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Lazy<string> _postgresDatabase;
    private readonly bool _ownsStore;

    public PortalFactory()
        : this(Path.Combine(Path.GetTempPath(), $"scs-tests-{Guid.NewGuid():N}.db"), postgresDatabase: null, ownsStore: true)
    {
    }

    /// <summary>
    /// A portal on the given store: the SQLite file, or on PostgreSQL the given database (or, when none is given,
    /// a new one created on first use). Only a portal that owns its store deletes it when disposed.
    /// </summary>
    protected PortalFactory(string databasePath, string? postgresDatabase, bool ownsStore)
    {
        DatabasePath = databasePath;
        _postgresDatabase = postgresDatabase is null ? new(PostgresTestCluster.CreateDatabase) : new(postgresDatabase);
        _ownsStore = ownsStore;
    }

    public string DatabasePath { get; }

    /// <summary>The PostgreSQL database's connection string (created on first use), when the suite runs on PostgreSQL.</summary>
    public string PostgresConnectionString => _postgresDatabase.Value;

    protected virtual bool SeedOnStart => true;

    /// <summary>The suite's engine; a test that needs a SQLite store whatever the suite runs on (copy-store's source) says false.</summary>
    protected virtual bool OnPostgres => TestStore.IsPostgres;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("ConnectionStrings:Stories", $"Data Source={DatabasePath}");
        if (OnPostgres)
        {
            builder.UseSetting("Storage:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:StoriesPostgres", PostgresConnectionString);
        }

        builder.UseSetting("Store:SeedOnStart", SeedOnStart.ToString());
        builder.UseSetting("Import:SeedsFolder", RepositoryFolders.Seeds);
        // Every test client shares one address; tests that sign in often must not trip the per-address sign-in limit.
        builder.UseSetting("Accounts:SignInAttemptsPerMinute", "10000");
        builder.UseSetting("Search:RequestsPerClientPerTenSeconds", "10000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_ownsStore)
        {
            return;
        }

        if (_postgresDatabase.IsValueCreated)
        {
            PostgresTestCluster.DropDatabase(_postgresDatabase.Value);
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }

        // The certificate generated beside a SQLite store to encrypt its Data Protection keys.
        if (Directory.Exists(DatabasePath + ".keys"))
        {
            Directory.Delete(DatabasePath + ".keys", recursive: true);
        }
    }
}

/// <summary>A portal whose store starts migrated but empty.</summary>
public sealed class EmptyPortalFactory : PortalFactory
{
    protected override bool SeedOnStart => false;
}

public static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SocialCareStories.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SocialCareStories.sln was not found above the test output folder.");
    }
}
