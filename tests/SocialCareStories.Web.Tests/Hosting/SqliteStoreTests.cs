using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

public sealed class SqliteStoreTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [SqliteOnlyFact]
    public async Task After_start_the_database_file_is_in_write_ahead_logging_mode()
    {
        _ = portal.Services;
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [SqliteOnlyFact]
    public async Task Every_store_connection_waits_for_a_busy_writer_instead_of_failing_at_once()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal(5000L, (long?)await command.ExecuteScalarAsync());
    }

    [SqliteOnlyFact]
    public async Task Two_editors_saving_different_stories_at_the_same_time_both_succeed()
    {
        var factory = portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>();
        int[] ids;
        await using (var db = await factory.CreateDbContextAsync())
        {
            ids = await db.Stories.OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToArrayAsync();
        }

        var until = Stopwatch.StartNew();
        var saves = await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            var count = 0;
            while (until.Elapsed < TimeSpan.FromSeconds(2))
            {
                await using var db = await factory.CreateDbContextAsync();
                var story = await db.Stories.SingleAsync(s => s.Id == id);
                story.ReviewNote = $"concurrent save {count}";
                await db.SaveChangesAsync();
                count++;
            }

            return count;
        })));

        Assert.All(saves, count => Assert.True(count > 5, $"only {count} saves in two seconds"));
        await using (var db = await factory.CreateDbContextAsync())
        {
            var notes = await db.Stories.Where(s => ids.Contains(s.Id)).Select(s => s.ReviewNote).ToListAsync();
            Assert.All(notes, note => Assert.StartsWith("concurrent save", note, StringComparison.Ordinal));
        }
    }
}
