using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Data;

/// <summary>`backup FILE` and `restore FILE`, run as real processes against real store files.</summary>
[Trait("Category", "Process")]
public sealed class StoreBackupCommandTests
{
    [Fact]
    public async Task A_backup_taken_while_the_portal_serves_and_stories_are_written_is_sound_and_opens_as_a_portal()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await AddStoriesAsync(store.Path, "before", 200);
        using var elsewhere = new TempFolder();
        var copy = Path.Combine(elsewhere.Path, "nightly", "stories-backup.db");

        int storiesAfter;
        (int ExitCode, string Output) backup;
        await using (var portal = await AppProcess.StartPortalAsync(store.Path))
        {
            using var stop = new CancellationTokenSource();
            var writing = KeepWritingAsync(store.Path, stop.Token);
            var reading = KeepReadingAsync(portal, stop.Token);

            backup = await AppProcess.RunCommandAsync(store.Path, "backup", copy);

            await stop.CancelAsync();
            Assert.True(await writing > 0, "no story was written while the backup ran");
            Assert.True(await reading > 0, "no page was read while the backup ran");
            await using var db = store.Open();
            storiesAfter = await db.Stories.CountAsync();
        }

        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.False(File.Exists(copy + "-wal"));
        Assert.Equal("ok", await StoreFile.IntegrityCheckAsync(copy));
        int copied;
        await using (var db = StoreFile.Open(copy))
        {
            copied = await db.Stories.CountAsync();
            Assert.InRange(copied, 200, storiesAfter);
            Assert.Equal(copied, await db.StoryAuthors.CountAsync());
        }

        SqliteConnection.ClearAllPools();
        await using var restored = await AppProcess.StartPortalAsync(copy);
        using var client = restored.CreateClient();
        using var story = await client.GetAsync(new Uri("/stories/story-before-7", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, story.StatusCode);
    }

    [Fact]
    public async Task Restore_puts_the_backup_in_place_and_keeps_the_store_it_replaced_as_bak()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await AddStoriesAsync(store.Path, "kept", 5);
        var copy = Path.Combine(store.Folder, "backup.db");
        Assert.Equal(0, (await AppProcess.RunCommandAsync(store.Path, "backup", copy)).ExitCode);
        await AddStoriesAsync(store.Path, "later", 3);
        SqliteConnection.ClearAllPools();

        var (exitCode, output) = await AppProcess.RunCommandAsync(store.Path, "restore", copy);

        Assert.True(exitCode == 0, output);
        Assert.Contains("restored the store from", output, StringComparison.Ordinal);
        Assert.Equal("ok", await StoreFile.IntegrityCheckAsync(store.Path));
        Assert.Equal(5, await CountStoriesAsync(store.Path));
        Assert.Equal(8, await CountStoriesAsync(store.Path + ".bak"));
        await using var portal = await AppProcess.StartPortalAsync(store.Path);
        using var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/stories/story-kept-2", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/stories/story-later-2", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("not SQLite", "is not a SQLite database")]
    [InlineData("no migration history", "has no migration history")]
    [InlineData("another app's history", "is not a SocialCareStories store")]
    [InlineData("a newer migration", "was made by a newer version of SocialCareStories")]
    [InlineData("damaged", "integrity check")]
    [InlineData("missing", "does not exist")]
    public async Task Restore_refuses_a_file_it_cannot_trust_and_leaves_the_store_alone(string kind, string reason)
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await AddStoriesAsync(store.Path, "current", 4);
        var candidate = await CandidateAsync(store, kind);
        SqliteConnection.ClearAllPools();

        var (exitCode, output) = await AppProcess.RunCommandAsync(store.Path, "restore", candidate);

        Assert.Equal(1, exitCode);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", output, StringComparison.Ordinal);
        Assert.False(File.Exists(store.Path + ".bak"));
        Assert.Equal(4, await CountStoriesAsync(store.Path));
    }

    private static async Task<string> CandidateAsync(StoreFile store, string kind)
    {
        var path = Path.Combine(store.Folder, "candidate.db");
        if (kind == "missing")
        {
            return path;
        }

        if (kind == "not SQLite")
        {
            await File.WriteAllTextAsync(path, "These are my holiday photos, honestly.");
            return path;
        }

        Assert.Equal(0, (await AppProcess.RunCommandAsync(store.Path, "backup", path)).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = kind switch
            {
                "no migration history" => "DROP TABLE __EFMigrationsHistory;",
                "another app's history" => "DELETE FROM __EFMigrationsHistory;",
                "a newer migration" => "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0');",
                // An index that no longer matches its table: a page-level fault integrity_check reports.
                "damaged" => "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'ON \"Stories\" (\"Slug\")', 'ON \"Stories\" (\"Title\")') WHERE name = 'IX_Stories_Slug';",
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
            await command.ExecuteNonQueryAsync();
        }

        return path;
    }

    private static async Task<int> CountStoriesAsync(string path)
    {
        await using var db = StoreFile.Open(path);
        return await db.Stories.CountAsync();
    }

    private static async Task AddStoriesAsync(string storePath, string prefix, int count)
    {
        await using var db = StoreFile.Open(storePath);
        for (var i = 0; i < count; i++)
        {
            db.Stories.Add(NewStory(prefix, i));
        }

        await db.SaveChangesAsync();
    }

    private static Story NewStory(string prefix, int i) => new()
    {
        Title = $"Story {prefix} {i}",
        Slug = $"story-{prefix}-{i}",
        Status = StoryStatus.Published,
        BodyMarkdown = $"Story {i}: {string.Concat(Enumerable.Repeat("good practice in social care. ", 40))}",
        PublishedOn = PartialDate.From(new DateOnly(2024, 1, 1).AddDays(i % 300)),
        Authors = [new StoryAuthor { Author = new Author { Name = $"Writer {prefix} {i}", Slug = $"writer-{prefix}-{i}" }, Position = 0 }],
    };

    /// <summary>An editor's stream of saves on the same file, one story a transaction, until stopped.</summary>
    private static Task<int> KeepWritingAsync(string storePath, CancellationToken stop) => Task.Run(async () =>
    {
        var written = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var db = StoreFile.Open(storePath);
            db.Stories.Add(NewStory("during", written));
            await db.SaveChangesAsync(CancellationToken.None);
            written++;
        }

        return written;
    });

    private static Task<int> KeepReadingAsync(AppProcess portal, CancellationToken stop) => Task.Run(async () =>
    {
        using var client = portal.CreateClient();
        var read = 0;
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.GetAsync(new Uri($"/stories?page={(read % 10) + 1}", UriKind.Relative), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            read++;
        }

        return read;
    });
}
