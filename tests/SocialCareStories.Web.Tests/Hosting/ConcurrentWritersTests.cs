using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Awards.Admin;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Features.Comments;
using SocialCareStories.Web.Tests.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>
/// Two app instances (each its own connection pool) writing to one store at the same moment (a SQLite file, or one
/// PostgreSQL database in the PostgreSQL pass), through the editor's, the moderators' and the awards admins'
/// services: every write either lands whole or is refused with a message that says why, and a SQLite file stays sound.
/// </summary>
public sealed class ConcurrentWritersTests : IAsyncLifetime
{
    private const int Rounds = 12;
    private static readonly Actor Edna = new("user-edna", "Edna Editor");
    private static readonly Actor Omar = new("user-omar", "Omar Other");

    private readonly SharedStore _store = new();
    private PortalInstance _first = null!;
    private PortalInstance _second = null!;

    public Task InitializeAsync()
    {
        _first = _store.StartInstance();
        _second = _store.StartInstance();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private static T Get<T>(PortalInstance portal) where T : notnull => portal.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private Task<StoriesDbContext> OpenStoreAsync() => Editors.DbAsync(_first);

    /// <summary>SQLite's own check of the file; PostgreSQL has no file of ours to check.</summary>
    private async Task AssertTheStoreIsSoundAsync()
    {
        if (_store.PostgresConnectionString is null)
        {
            Assert.Equal("ok", await StoreFile.IntegrityCheckAsync(_store.DatabasePath));
        }
    }

    [Fact]
    public async Task Two_editors_saving_one_story_at_the_same_moment_save_once_and_the_other_is_shown_the_conflict()
    {
        var created = await Get<StoryEditing>(_first).SaveAsync(NewForm("Shared story"), Edna);

        for (var round = 0; round < Rounds; round++)
        {
            var mine = (await Get<StoryEditing>(_first).LoadAsync(created.StoryId))!;
            var theirs = (await Get<StoryEditing>(_second).LoadAsync(created.StoryId))!;
            mine.Body = $"Edna's text, round {round}";
            theirs.Body = $"Omar's text, round {round}";

            var results = await Task.WhenAll(
                Task.Run(() => Get<StoryEditing>(_first).SaveAsync(mine, Edna)),
                Task.Run(() => Get<StoryEditing>(_second).SaveAsync(theirs, Omar)));

            Assert.Single(results, r => r.Outcome == EditOutcome.Saved);
            var conflict = Assert.Single(results, r => r.Outcome == EditOutcome.Conflict);
            Assert.NotNull(conflict.Theirs);
        }

        await using var db = await OpenStoreAsync();
        Assert.Equal(Rounds + 1, await db.Revisions.CountAsync(r => r.StoryId == created.StoryId));
        Assert.Equal(Rounds + 1, await db.AuditEntries.CountAsync(a => a.ItemType == "Story"));
        await AssertTheStoreIsSoundAsync();
    }

    [Fact]
    public async Task Two_editors_adding_the_same_new_tag_and_author_to_different_stories_at_the_same_moment_both_save()
    {
        var first = await Get<StoryEditing>(_first).SaveAsync(NewForm("First story"), Edna);
        var second = await Get<StoryEditing>(_second).SaveAsync(NewForm("Second story"), Omar);

        for (var round = 0; round < Rounds; round++)
        {
            var mine = (await Get<StoryEditing>(_first).LoadAsync(first.StoryId))!;
            var theirs = (await Get<StoryEditing>(_second).LoadAsync(second.StoryId))!;
            foreach (var form in new[] { mine, theirs })
            {
                form.Tags = [$"Brand new theme {round}"];
                form.Authors = [$"Newcomer Writer {round}"];
            }

            var results = await Task.WhenAll(
                Task.Run(() => Get<StoryEditing>(_first).SaveAsync(mine, Edna)),
                Task.Run(() => Get<StoryEditing>(_second).SaveAsync(theirs, Omar)));

            Assert.All(results, r => Assert.Equal(EditOutcome.Saved, r.Outcome));
        }

        await using var db = await OpenStoreAsync();
        Assert.Equal(Rounds, await db.Tags.CountAsync(t => t.Name.StartsWith("Brand new theme")));
        Assert.Equal(Rounds, await db.Authors.CountAsync(a => a.Name.StartsWith("Newcomer Writer")));
        await AssertTheStoreIsSoundAsync();
    }

    [Fact]
    public async Task Two_moderators_deciding_one_comment_at_the_same_moment_record_one_decision()
    {
        var story = await Get<StoryEditing>(_first).SaveAsync(NewForm("Commented story"), Edna, StoryTransition.Publish);
        var commentIds = new List<int>();
        await using (var db = await OpenStoreAsync())
        {
            for (var i = 0; i < Rounds; i++)
            {
                var comment = new Comment { StoryId = story.StoryId, AuthorName = $"Reader {i}", Body = "Thank you.", Status = ModerationStatus.Pending, Position = i + 1 };
                db.Comments.Add(comment);
                await db.SaveChangesAsync();
                commentIds.Add(comment.Id);
            }
        }

        foreach (var id in commentIds)
        {
            var results = await Task.WhenAll(
                Task.Run(() => Comments.ModerateAsync(_first, id, ModerationStatus.Pending, ModerationStatus.Approved)),
                Task.Run(() => Comments.ModerateAsync(_second, id, ModerationStatus.Pending, ModerationStatus.Spam)));

            Assert.Single(results, r => r.Outcome == ModerationOutcome.Done);
            Assert.Single(results, r => r.Outcome == ModerationOutcome.AlreadyModerated);
        }

        await using var check = await OpenStoreAsync();
        Assert.Equal(Rounds, await check.AuditEntries.CountAsync(a => a.ItemType == nameof(Comment)));
        Assert.Equal(0, await check.Comments.CountAsync(c => c.Status == ModerationStatus.Pending));
    }

    [Fact]
    public async Task Two_awards_admins_adding_entries_to_one_year_at_the_same_moment_record_one_and_ask_the_other_to_reload()
    {
        var awards = Get<AwardsAdministration>(_first);
        var programme = await awards.AddProgrammeAsync("Concurrent Accolades", Edna);
        var yearId = await awards.AddYearAsync(programme, 2024, null, null, Edna);
        var version = (await awards.YearAsync(yearId))!.Version;
        version = await awards.AddCategoryAsync(yearId, version, "Best team", allowsJointWinners: true, Edna);
        var categoryId = (await awards.YearAsync(yearId))!.Categories.Single().Id;

        for (var round = 0; round < Rounds; round++)
        {
            var seen = (await awards.YearAsync(yearId))!.Version;
            var attempts = await Task.WhenAll(
                Task.Run(() => AddEntryAsync(_first, categoryId, seen, $"Organisation A{round}")),
                Task.Run(() => AddEntryAsync(_second, categoryId, seen, $"Organisation B{round}")));

            Assert.Single(attempts, message => message is null);
            Assert.Single(attempts, message => message is not null && message.Contains("Reload the page", StringComparison.Ordinal));
        }

        var year = (await awards.YearAsync(yearId))!;
        Assert.Equal(Rounds, year.Categories.Single().Entries.Count);
        await AssertTheStoreIsSoundAsync();
    }

    /// <summary>Null when the entry was recorded, otherwise the message the admin is shown.</summary>
    private static async Task<string?> AddEntryAsync(PortalInstance portal, int categoryId, Guid version, string organisation)
    {
        try
        {
            await Get<AwardsAdministration>(portal).AddEntryAsync(categoryId, version,
                new EntryInput(null, organisation, "A project", Web.Features.Awards.AwardResult.Shortlisted, null, null, null, null), Edna);
            return null;
        }
        catch (AwardsConflictException e)
        {
            return e.Message;
        }
    }

    private static StoryForm NewForm(string title) =>
        new() { Title = title, Body = "A story two people edit.", Authors = ["Jane Writer"], Tags = ["Day care"] };
}
