using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>
/// One store that several portal instances share, as several app servers share one database: a SQLite file, or
/// with SCS_TEST_STORE=Postgres one PostgreSQL database. Each <see cref="StartInstance"/> is a whole portal (its
/// own host, connection pool, caches, key ring and background services); the first one migrates the store.
/// Disposing stops every instance, then removes the store if this object made it.
/// </summary>
public sealed class SharedStore : IDisposable
{
    private readonly List<PortalInstance> _instances = [];
    private readonly bool _ownsStore;

    /// <summary>A new store on the suite's engine.</summary>
    public SharedStore()
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), $"scs-shared-{Guid.NewGuid():N}.db");
        PostgresConnectionString = TestStore.IsPostgres ? PostgresTestCluster.CreateDatabase() : null;
        _ownsStore = true;
    }

    /// <summary>Instances on a SQLite file the test made and removes itself (one it also reads or kills processes on).</summary>
    public SharedStore(string sqliteFile)
    {
        DatabasePath = sqliteFile;
        _ownsStore = false;
    }

    public string DatabasePath { get; }

    /// <summary>The PostgreSQL database the instances share; null when they share <see cref="DatabasePath"/>.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Starts another instance on this store, with its own settings (e.g. <c>Redis:Configuration</c>) and service replacements.</summary>
    public PortalInstance StartInstance(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool seedOnStart = false)
    {
        var instance = new PortalInstance(this, settings ?? new Dictionary<string, string?>(), services, seedOnStart);
        _instances.Add(instance);
        // Starting one at a time: the first migrates the store before the next looks at it.
        var provider = instance.Services.GetRequiredService<StoreSettings>().Provider;
        if ((provider == StoreProvider.Postgres) != (PostgresConnectionString is not null))
        {
            throw new InvalidOperationException($"An instance of a shared store started on {provider}, not on the store's engine.");
        }

        return instance;
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        if (!_ownsStore)
        {
            return;
        }

        if (PostgresConnectionString is not null)
        {
            PostgresTestCluster.DropDatabase(PostgresConnectionString);
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }

        if (Directory.Exists(DatabasePath + ".keys"))
        {
            Directory.Delete(DatabasePath + ".keys", recursive: true);
        }
    }
}

/// <summary>One app instance on a <see cref="SharedStore"/>.</summary>
public sealed class PortalInstance(SharedStore store, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services, bool seedOnStart)
    : PortalFactory(store.DatabasePath, store.PostgresConnectionString ?? "", ownsStore: false)
{
    protected override bool SeedOnStart => seedOnStart;

    protected override bool OnPostgres => store.PostgresConnectionString is not null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
