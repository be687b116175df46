using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

/// <summary>StoryEditing against the real app and a real SQLite store.</summary>
public sealed class StoryEditingTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task A_new_story_takes_its_slug_from_the_title_and_is_saved_as_a_draft_with_a_revision_and_an_audit_entry()
    {
        var result = await CreateAsync(portal, NewForm("Café culture at Bramley’s Lodge"));

        await using var db = await DbAsync(portal);
        var story = await db.Stories.Include(s => s.Revisions).Include(s => s.Tags).Include(s => s.Authors).ThenInclude(a => a.Author).SingleAsync(s => s.Id == result.StoryId);
        Assert.Equal("cafe-culture-at-bramleys-lodge", story.Slug);
        Assert.Equal(StoryStatus.Draft, story.Status);
        Assert.NotNull(story.EditedAt);
        Assert.Equal("Edna Editor", Assert.Single(story.Revisions).SavedBy);
        Assert.Equal(["Jane Writer"], story.Authors.Select(a => a.Author.Name));
        Assert.Equal(["day-care"], story.Tags.Select(t => t.Slug));
        var entry = await db.AuditEntries.SingleAsync(a => a.ItemId == story.Id.ToString() && a.ItemType == "Story");
        Assert.Equal(("story.saved", "user-edna"), (entry.Action, entry.UserId));
    }

    [Fact]
    public async Task A_slug_another_story_uses_is_refused_with_a_message_naming_that_story()
    {
        var first = await CreateAsync(portal, NewForm("The first story with this name"));
        var form = NewForm("Something else entirely");
        form.Slug = first.Slug;

        var result = await EditingOf(portal).SaveAsync(form, Edna);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains("The first story with this name", result.Errors[StoryFields.Slug], StringComparison.Ordinal);
        Assert.StartsWith("Slug:", result.Errors[StoryFields.Slug], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_title_and_a_schedule_in_the_past_are_refused_naming_their_fields()
    {
        var form = NewForm("   ");

        var result = await EditingOf(portal).SaveAsync(form, Edna, StoryTransition.Schedule, DateTimeOffset.UtcNow.AddHours(-1));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.StartsWith("Title:", result.Errors[StoryFields.Title], StringComparison.Ordinal);
        Assert.StartsWith("Publish at:", result.Errors[StoryFields.ScheduledFor], StringComparison.Ordinal);
        await using var db = await DbAsync(portal);
        Assert.False(await db.Stories.AnyAsync(s => s.Summary == form.Summary && s.Title == ""));
    }

    [Fact]
    public async Task Scheduling_sets_the_status_and_time_and_is_audited()
    {
        var saved = await CreateAsync(portal, NewForm("A story for next week"));
        var form = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        // A time an editor could pick, to the second: PostgreSQL keeps microseconds, not .NET's ticks.
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(7).ToUnixTimeSeconds());

        var result = await EditingOf(portal).SaveAsync(form, Edna, StoryTransition.Schedule, at);

        Assert.Equal((EditOutcome.Saved, StoryStatus.Scheduled), (result.Outcome, result.Status));
        await using var db = await DbAsync(portal);
        var story = await db.Stories.SingleAsync(s => s.Id == saved.StoryId);
        Assert.Equal(at, story.ScheduledFor);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ItemId == saved.StoryId.ToString() && a.Action == "story.scheduled"));
    }

    [Fact]
    public async Task A_save_from_a_stale_version_does_not_overwrite_and_shows_the_other_editors_text()
    {
        var saved = await CreateAsync(portal, NewForm("Two editors, one story"));
        var ednas = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        var omars = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        omars.Body = "Omar rewrote the body.";
        Assert.Equal(EditOutcome.Saved, (await EditingOf(portal).SaveAsync(omars, Omar)).Outcome);

        ednas.Body = "Edna's own body.";
        var conflict = await EditingOf(portal).SaveAsync(ednas, Edna);

        Assert.Equal(EditOutcome.Conflict, conflict.Outcome);
        Assert.Equal("Omar rewrote the body.", conflict.Theirs!.Body);
        Assert.Equal("Omar Other", conflict.Theirs.SavedBy);
        Assert.Equal("Omar rewrote the body.", (await EditingOf(portal).LoadAsync(saved.StoryId))!.Body);

        // Keep mine: save again knowingly, over their version.
        ednas.Version = conflict.Theirs.Version;
        Assert.Equal(EditOutcome.Saved, (await EditingOf(portal).SaveAsync(ednas, Edna)).Outcome);
        Assert.Equal("Edna's own body.", (await EditingOf(portal).LoadAsync(saved.StoryId))!.Body);
    }

    [Fact]
    public async Task Two_saves_from_the_same_version_at_once_save_one_and_refuse_the_other()
    {
        var saved = await CreateAsync(portal, NewForm("Raced story"));
        var ednas = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        var omars = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        ednas.Body = "Edna's words";
        omars.Body = "Omar's words";

        var results = await Task.WhenAll(EditingOf(portal).SaveAsync(ednas, Edna), EditingOf(portal).SaveAsync(omars, Omar));

        Assert.Equal([EditOutcome.Saved, EditOutcome.Conflict], results.Select(r => r.Outcome).Order());
        var winner = results.Single(r => r.Outcome == EditOutcome.Saved);
        Assert.Equal(winner.Version, (await EditingOf(portal).LoadAsync(saved.StoryId))!.Version);
        await using var db = await DbAsync(portal);
        Assert.Equal(2, await db.Revisions.CountAsync(r => r.StoryId == saved.StoryId));
    }

    [Fact]
    public async Task Revisions_compare_line_by_line_and_restoring_one_is_a_new_save()
    {
        var saved = await CreateAsync(portal, NewForm("A story that changes", "First line.\nSecond line.\nThird line."));
        var form = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        form.Body = "First line.\nA new second line.\nThird line.";
        var second = await EditingOf(portal).SaveAsync(form, Omar);
        var history = Get<RevisionHistory>(portal);
        var revisions = await history.ListAsync(saved.StoryId);

        var diff = await history.CompareAsync(saved.StoryId, revisions[1].Id, revisions[0].Id);

        Assert.Contains(new DiffLine(DiffKind.Removed, "Second line."), diff!);
        Assert.Contains(new DiffLine(DiffKind.Added, "A new second line."), diff!);
        Assert.Contains(new DiffLine(DiffKind.Same, "Third line."), diff!);

        var restored = await EditingOf(portal).RestoreAsync(saved.StoryId, revisions[1].Id, second.Version, Edna);

        Assert.Equal(EditOutcome.Saved, restored.Outcome);
        Assert.Equal("First line.\nSecond line.\nThird line.", (await EditingOf(portal).LoadAsync(saved.StoryId))!.Body);
        var after = await history.ListAsync(saved.StoryId);
        Assert.Equal(3, after.Count);
        Assert.StartsWith("Restored", after[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_story_removes_it_and_is_audited_with_its_title()
    {
        var saved = await CreateAsync(portal, NewForm("A story to delete"));
        var form = (await EditingOf(portal).LoadAsync(saved.StoryId))!;

        var result = await EditingOf(portal).DeleteAsync(saved.StoryId, form.Version!.Value, Edna);

        Assert.Equal(EditOutcome.Saved, result.Outcome);
        await using var db = await DbAsync(portal);
        Assert.False(await db.Stories.AnyAsync(s => s.Id == saved.StoryId));
        var entry = await db.AuditEntries.SingleAsync(a => a.ItemId == saved.StoryId.ToString() && a.Action == "story.deleted");
        Assert.Equal("A story to delete", entry.Summary);
    }

    [Fact]
    public async Task Autosave_keeps_the_working_copy_until_the_story_is_saved()
    {
        var saved = await CreateAsync(portal, NewForm("A story being typed"));
        var autosave = Get<Autosave>(portal);
        var form = (await EditingOf(portal).LoadAsync(saved.StoryId))!;
        form.Body = "Half-typed words the connection nearly lost";

        await autosave.KeepAsync(Edna.UserId!, form);
        var offered = await autosave.FindAsync(Edna.UserId!, saved.StoryId);
        var othersDraft = await autosave.FindAsync(Omar.UserId!, saved.StoryId);

        Assert.Equal("Half-typed words the connection nearly lost", offered?.BodyMarkdown);
        Assert.Null(othersDraft);

        Assert.Equal(EditOutcome.Saved, (await EditingOf(portal).SaveAsync(form, Edna)).Outcome);
        await using var db = await DbAsync(portal);
        Assert.False(await db.StoryDrafts.AnyAsync(d => d.StoryId == saved.StoryId));
    }

    [Fact]
    public async Task A_NUL_character_pasted_into_the_text_is_kept_out_of_the_draft_and_refused_on_save_with_the_field_named()
    {
        // No store keeps a NUL (PostgreSQL's text refuses one), so both engines behave alike.
        var user = $"user-{Guid.NewGuid():N}";
        var form = NewForm("Pasted from\0 a spreadsheet", "Cells\0 and more cells");
        form.Tags = ["day\0care"];

        await Get<Autosave>(portal).KeepAsync(user, form);
        var draft = await Get<Autosave>(portal).FindAsync(user, null);
        var result = await EditingOf(portal).SaveAsync(form, Edna);

        Assert.Equal(("Pasted from a spreadsheet", "Cells and more cells"), (draft?.Title, draft?.BodyMarkdown));
        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Equal([StoryFields.Body, StoryFields.Tags, StoryFields.Title], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("Title: remove the invisible NUL character (U+0000)", result.Errors[StoryFields.Title], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_of_a_new_story_is_offered_again_and_can_be_discarded()
    {
        var autosave = Get<Autosave>(portal);
        var user = $"user-{Guid.NewGuid():N}";
        await autosave.KeepAsync(user, NewForm("Not saved yet", "Words typed before the tab closed"));

        Assert.Equal("Words typed before the tab closed", (await autosave.FindAsync(user, null))?.BodyMarkdown);

        await autosave.DiscardAsync(user, null);
        Assert.Null(await autosave.FindAsync(user, null));
    }
}
