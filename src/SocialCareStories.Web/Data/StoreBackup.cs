using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SocialCareStories.Web.Data;

/// <summary>What a backup or restore did: done, or refused with the reasons, nothing changed.</summary>
public sealed record StoreBackupOutcome(bool Done, IReadOnlyList<string> Problems)
{
    public static readonly StoreBackupOutcome Success = new(true, []);

    public static StoreBackupOutcome Refused(params string[] problems) => new(false, problems);
}

/// <summary>
/// Online backup and checked restore of the SQLite store, file to file. A backup is taken through SQLite's backup
/// API from one read transaction, so it is a consistent copy even while the portal serves and editors save (in WAL
/// mode writers carry on meanwhile). Other providers have their own tools (pg_dump for PostgreSQL): <see cref="IsSqliteAsync"/>
/// is the seam the commands check first.
/// </summary>
public sealed class StoreBackup(IDbContextFactory<StoriesDbContext> contextFactory, ILogger<StoreBackup> logger)
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public async Task<bool> IsSqliteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return db.Database.IsSqlite();
    }

    /// <summary>Copies the live store to <paramref name="destination"/>: written beside it first, checked, then moved into place.</summary>
    public async Task<StoreBackupOutcome> BackupAsync(string destination, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var target = Path.GetFullPath(destination);
        if (SamePath(target, StorePath(db)))
        {
            return StoreBackupOutcome.Refused($"{target} is the store itself; choose another file.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        DeleteWithSidecars(partial);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var source = (SqliteConnection)db.Database.GetDbConnection();
        List<string> problems;
        using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
        {
            copy.Open();
            source.BackupDatabase(copy);
            // One self-contained file with no -wal beside it, so it can be moved, archived or restored as it is.
            Execute(copy, "PRAGMA journal_mode = DELETE;");
            problems = IntegrityProblems(copy);
        }

        if (problems.Count > 0)
        {
            DeleteWithSidecars(partial);
            return StoreBackupOutcome.Refused([$"The copy failed its integrity check; {target} was not written.", .. problems]);
        }

        File.Move(partial, target, overwrite: true);
        logger.LogInformation("Backed up the store to {Backup} ({Bytes} bytes)", target, new FileInfo(target).Length);
        return StoreBackupOutcome.Success;
    }

    /// <summary>Why <paramref name="file"/> cannot be restored into this version of the portal; empty when it can.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string file, CancellationToken cancellationToken = default)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            return [$"{path} does not exist."];
        }

        if (!StartsWithSqliteHeader(path))
        {
            return [$"{path} is not a SQLite database."];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var known = db.Database.GetMigrations().ToList();
        try
        {
            using var candidate = Open(path, SqliteOpenMode.ReadOnly);
            candidate.Open();
            var integrity = IntegrityProblems(candidate);
            if (integrity.Count > 0)
            {
                return [$"{path} fails SQLite's integrity check:", .. integrity];
            }

            if (Scalar(candidate, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';") == 0)
            {
                return [$"{path} has no migration history: it is not a SocialCareStories store."];
            }

            var applied = Strings(candidate, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;");
            if (known.Count > 0 && !applied.Contains(known[0]))
            {
                return [$"{path} is not a SocialCareStories store: its migration history lacks the first migration, {known[0]}."];
            }

            var newer = applied.Except(known).ToList();
            return newer.Count == 0
                ? []
                : [$"{path} was made by a newer version of SocialCareStories: it has migration(s) {string.Join(", ", newer)}, which this version does not know. Restore it with that version or a later one."];
        }
        catch (SqliteException e)
        {
            return [$"{path} cannot be read as a SQLite database: {e.Message}"];
        }
    }

    /// <summary>
    /// Replaces the store with <paramref name="file"/> once it passes <see cref="CheckAsync"/>. The file is copied beside
    /// the store first, then swapped in by rename; the store it replaces is kept as <c>.bak</c>. Run it with the portal
    /// stopped: a store still open in another process is refused.
    /// </summary>
    public async Task<StoreBackupOutcome> RestoreAsync(string file, CancellationToken cancellationToken = default)
    {
        var problems = await CheckAsync(file, cancellationToken);
        if (problems.Count > 0)
        {
            return new StoreBackupOutcome(false, problems);
        }

        string store;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            store = StorePath(db);
        }

        var source = Path.GetFullPath(file);
        if (SamePath(source, store))
        {
            return StoreBackupOutcome.Refused($"{source} is the store itself.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        var staging = store + ".restoring";
        DeleteWithSidecars(staging);
        using (var from = Open(source, SqliteOpenMode.ReadOnly))
        using (var to = Open(staging, SqliteOpenMode.ReadWriteCreate))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode = DELETE;");
        }

        // Pooled connections would keep the old file open (and write to it after the swap).
        SqliteConnection.ClearAllPools();
        if (File.Exists(store))
        {
            using (var current = Open(store, SqliteOpenMode.ReadWrite))
            {
                current.Open();
                // Everything committed moves into the main file, so the .bak is complete on its own.
                Execute(current, "PRAGMA wal_checkpoint(TRUNCATE);");
            }

            // SQLite removes the -wal when the last connection closes; if it is still there another process has the store open.
            if (File.Exists(store + "-wal"))
            {
                DeleteWithSidecars(staging);
                return StoreBackupOutcome.Refused($"The store {store} is open in another process (is the portal running?). Stop it, then restore.");
            }

            File.Replace(staging, store, store + ".bak");
            File.Delete(store + "-shm");
            logger.LogWarning("Restored the store {Store} from {Backup}; the previous store is kept as {Previous}", store, source, store + ".bak");
        }
        else
        {
            File.Move(staging, store);
            logger.LogWarning("Restored the store {Store} from {Backup}", store, source);
        }

        return StoreBackupOutcome.Success;
    }

    /// <summary>The store file named by the SQLite connection string (already made absolute by <see cref="StoreSetup"/>).</summary>
    public static string StorePath(StoriesDbContext db) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());

    private static bool StartsWithSqliteHeader(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual(SqliteHeader);
    }

    private static List<string> IntegrityProblems(SqliteConnection connection)
    {
        var messages = Strings(connection, "PRAGMA integrity_check(20);");
        return messages is ["ok"] ? [] : messages;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static void DeleteWithSidecars(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }
}
