using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Data;

/// <summary>
/// The reading pages' kept connections and prepared commands: a kept connection sees every commit made since it
/// was last used, and holds no snapshot back from a checkpoint between uses.
/// </summary>
public sealed class ReadConnectionsTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private const string TitleSql = """SELECT "Title" FROM "Stories" WHERE "Id" = @id""";

    [Fact]
    public async Task A_kept_connection_reads_what_was_committed_since_it_was_last_used()
    {
        var story = await CreateAsync(portal, NewForm("Before the change"), StoryTransition.Publish);
        var reads = portal.Services.GetRequiredService<ReadConnections>();
        Assert.Equal("Before the change", await TitleAsync(reads, story.StoryId));

        await using (var db = await DbAsync(portal))
        {
            await db.Stories.Where(s => s.Id == story.StoryId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "After the change"));
        }

        Assert.Equal("After the change", await TitleAsync(reads, story.StoryId));
    }

    [SqliteOnlyFact]
    public async Task Kept_connections_between_uses_let_a_checkpoint_copy_every_commit_into_the_database()
    {
        var story = await CreateAsync(portal, NewForm("Checkpointed"), StoryTransition.Publish);
        var reads = portal.Services.GetRequiredService<ReadConnections>();

        // Several kept connections, each having run its prepared command, now idle.
        var open = new List<ReadConnection>();
        for (var i = 0; i < 3; i++)
        {
            var read = await reads.OpenAsync();
            await using (var reader = await read.Command(TitleSql, ("@id", story.StoryId)).ExecuteReaderAsync())
            {
                Assert.True(await reader.ReadAsync());
            }

            open.Add(read);
        }

        foreach (var read in open)
        {
            await read.DisposeAsync();
        }

        await using (var db = await DbAsync(portal))
        {
            await db.Stories.Where(s => s.Id == story.StoryId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "Checkpointed again"));
        }

        // A kept connection still holding its snapshot would hold the checkpoint back for good; the portal's own
        // background readers only for a moment, so a few tries tell the two apart.
        var copiedAll = false;
        for (var attempt = 0; attempt < 5 && !copiedAll; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            var (logFrames, checkpointed) = await CheckpointAsync(portal.Services.GetRequiredService<StoreSettings>().ConnectionString);
            copiedAll = logFrames == checkpointed;
        }

        Assert.True(copiedAll, "a checkpoint could not copy the latest commit into the database: a reader still holds an older snapshot");
    }

    private static async Task<(long LogFrames, long Checkpointed)> CheckpointAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var result = await command.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync());
        return (result.GetInt64(1), result.GetInt64(2));
    }

    private static async Task<string> TitleAsync(ReadConnections reads, int id)
    {
        await using var read = await reads.OpenAsync();
        await using var reader = await read.Command(TitleSql, ("@id", id)).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return reader.GetString(0);
    }
}
