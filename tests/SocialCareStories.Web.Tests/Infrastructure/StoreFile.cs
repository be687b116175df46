using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>A store file of a test's own, in a folder of its own, read and written directly alongside the app processes using it.</summary>
public sealed class StoreFile : IDisposable
{
    private readonly TempFolder _folder = new();

    public StoreFile(string name = "store.db")
    {
        Path = System.IO.Path.Combine(_folder.Path, name);
    }

    public string Path { get; }

    public string Folder => _folder.Path;

    /// <summary>Creates the schema, as the app's start would, and switches the file to WAL as the app does.</summary>
    public async Task MigrateAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
    }

    public StoriesDbContext Open() => Open(Path);

    public static StoriesDbContext Open(string path) => new(
        new DbContextOptionsBuilder<StoriesDbContext>()
            .UseSqlite($"Data Source={path}")
            .AddInterceptors(SqliteBusyTimeout.Instance)
            .Options,
        TimeProvider.System);

    /// <summary>SQLite's own verdict on the file: "ok", or what is wrong.</summary>
    public static async Task<string> IntegrityCheckAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The story ids the full-text index holds a row for.</summary>
    public static async Task<HashSet<int>> SearchRowIdsAsync(StoriesDbContext db) =>
        [.. await db.Database.SqlQueryRaw<int>("SELECT rowid AS Value FROM StorySearch").ToListAsync()];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
