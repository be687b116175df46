using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Data;

/// <summary>
/// `copy-store --to Postgres`, run as the real executable, from a seeded SQLite portal that editors have used into a
/// new PostgreSQL database of the test cluster.
/// </summary>
[Trait("Category", "Process")]
public sealed class CopyStoreTests : IDisposable
{
    private readonly SqlitePortal _portal = new();
    private readonly string _target = PostgresTestCluster.CreateDatabaseIfRunning();

    public void Dispose()
    {
        _portal.Dispose();
        if (_target.Length > 0)
        {
            PostgresTestCluster.DropDatabase(_target);
        }
    }

    [PostgresOnlyFact]
    public async Task Copy_store_moves_every_row_with_its_ids_and_stamps_and_refuses_to_copy_twice()
    {
        await EditorActivityAsync();

        var (exitCode, stdout, stderr) = await RunAsync("copy-store", "--to", "Postgres", "--connection", _target);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("every table's count matches the source", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH", stdout, StringComparison.Ordinal);
        await using var source = OpenSource();
        await using var target = OpenTarget();
        Assert.Equal(await StampsAsync(source), await StampsAsync(target));
        Assert.Equal(await source.Revisions.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(), await target.Revisions.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal(await source.Users.OrderBy(u => u.Id).Select(u => u.Email).ToListAsync(), await target.Users.OrderBy(u => u.Id).Select(u => u.Email).ToListAsync());
        Assert.Equal(await source.UserRoles.CountAsync(), await target.UserRoles.CountAsync());
        Assert.Equal(
            await source.Set<Dictionary<string, object>>("StoryTags").CountAsync(),
            await target.Set<Dictionary<string, object>>("StoryTags").CountAsync());
        Assert.NotEmpty(await target.StoryDrafts.ToListAsync());
        Assert.NotEmpty(await target.AwardEntries.ToListAsync());
        Assert.NotEmpty(await target.CaseStudies.ToListAsync());
        Assert.Contains(await target.Comments.Select(c => c.Body).ToListAsync(), b => b == "Copied across, I hope.");

        // The search index filled as the rows arrived, and the identity sequences continue after the copied ids.
        Assert.Equal(
            await source.Stories.CountAsync(s => s.Status == StoryStatus.Published),
            await target.Database.SqlQuery<int>($"""SELECT count(*)::int AS "Value" FROM "StorySearch" """).SingleAsync());
        // The triggers that keep the index are on again once the copy has built it.
        var firstPublished = await target.Stories.Where(s => s.Status == StoryStatus.Published).MinAsync(s => s.Id);
        await target.Stories.Where(s => s.Id == firstPublished).ExecuteUpdateAsync(set => set.SetProperty(s => s.Title, "Renamed after the copy"));
        Assert.Equal("Renamed after the copy",
            await target.Database.SqlQuery<string>($"""SELECT "Title" AS "Value" FROM "StorySearch" WHERE "Id" = {firstPublished}""").SingleAsync());
        var maxTagId = await target.Tags.MaxAsync(t => t.Id);
        var tag = new Web.Features.Tags.Tag { Name = "After the copy", Slug = "after-the-copy" };
        target.Tags.Add(tag);
        await target.SaveChangesAsync();
        Assert.True(tag.Id > maxTagId);

        var (again, _, refusal) = await RunAsync("copy-store", "--to", "Postgres", "--connection", _target);
        Assert.Equal(1, again);
        Assert.Contains("not empty", refusal, StringComparison.Ordinal);
    }

    [PostgresOnlyFact]
    public async Task One_process_serves_story_pages_from_a_SQLite_store_and_a_PostgreSQL_store_alike()
    {
        // As copy-store holds both engines in one process. Their models differ, and a compiled query runs on one model only.
        using var postgres = new PortalFactory();
        foreach (var portal in new PortalFactory[] { _portal, postgres, _portal })
        {
            using var client = portal.CreateClient();
            // The story page and the search's summaries are the compiled queries.
            foreach (var path in new[] { "/stories/what-is-integration-for", "/search?q=integration" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("/stories/what-is-integration-for", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }

    private async Task EditorActivityAsync()
    {
        await StaffAccounts.CreateAsync(_portal, Roles.Editor);
        var created = await Editors.CreateAsync(_portal, transition: StoryTransition.Publish);
        var editing = Editors.EditingOf(_portal);
        var form = (await editing.LoadAsync(created.StoryId))!;
        form.Body += "\n\nAn edit after publishing.";
        Assert.Equal(EditOutcome.Saved, (await editing.SaveAsync(form, Editors.Edna)).Outcome);
        form = (await editing.LoadAsync(created.StoryId))!;
        form.Body += "\n\nTyping not yet saved.";
        await Editors.Get<Autosave>(_portal).KeepAsync("user-edna", form);
        await using var db = await Editors.DbAsync(_portal);
        var slug = await db.Stories.Where(s => s.Status == StoryStatus.Published).OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync();
        Assert.True(await Editors.Get<CommentSubmission>(_portal).SubmitAsync(slug, "A reader", "Copied across, I hope."));
    }

    private static Task<List<string>> StampsAsync(StoriesDbContext db) => db.Stories.OrderBy(s => s.Id)
        .Select(s => new { s.Id, s.Slug, s.Version, s.UpdatedAt, s.Status }).AsAsyncEnumerable()
        // PostgreSQL keeps microseconds; SQLite's text keeps ticks.
        .Select(s => $"{s.Id} {s.Slug} {s.Version} {s.UpdatedAt.UtcTicks / 10} {s.Status}").ToListAsync().AsTask();

    private StoriesDbContext OpenSource() =>
        new(new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite($"Data Source={_portal.DatabasePath}").Options, TimeProvider.System);

    private PostgresStoriesDbContext OpenTarget() =>
        new(new DbContextOptionsBuilder<StoriesDbContext>().UseNpgsql(_target).Options, TimeProvider.System);

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        _ = _portal.Services;
        SqliteConnection.ClearAllPools();
        return AppProcess.RunAsync(AppProcess.StoreOf(_portal, onPostgres: false), args);
    }

    private sealed class SqlitePortal : PortalFactory
    {
        protected override bool OnPostgres => false;
    }
}
