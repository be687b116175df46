using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>
/// One SQLite file that several portal instances share, as several app servers share one database. Each
/// <see cref="StartInstance"/> is a whole portal (its own host, caches, key ring and background services);
/// the first one migrates the store. Disposing removes the file once every instance is gone.
/// </summary>
public sealed class SharedStore : IDisposable
{
    private readonly List<PortalInstance> _instances = [];

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"scs-shared-{Guid.NewGuid():N}.db");

    /// <summary>Starts another instance on this store, with its own settings (e.g. <c>Redis:Configuration</c>) and service replacements.</summary>
    public PortalInstance StartInstance(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var instance = new PortalInstance(DatabasePath, settings ?? new Dictionary<string, string?>(), services);
        _instances.Add(instance);
        // Starting one at a time: the first migrates the store before the next looks at it.
        _ = instance.Services;
        return instance;
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}

/// <summary>One app instance on a <see cref="SharedStore"/>.</summary>
public sealed class PortalInstance(string databasePath, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services)
    : PortalFactory(databasePath, ownsStore: false)
{
    protected override bool SeedOnStart => false;

    // The instances share one SQLite file, whichever engine the suite runs on.
    protected override bool OnPostgres => false;

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
