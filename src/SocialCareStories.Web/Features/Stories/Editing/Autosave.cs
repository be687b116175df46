using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Shared;

namespace SocialCareStories.Web.Features.Stories.Editing;

/// <summary>
/// Each editor's unsaved working copy of a story (or of their new story), written as they type so a dropped
/// connection or a closed tab keeps the text. Saving the story removes it (see <see cref="StoryEditing"/>).
/// </summary>
public sealed class Autosave(IDbContextFactory<StoriesDbContext> contextFactory, TimeProvider clock)
{
    public async Task KeepAsync(string userId, StoryForm form, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await db.StoryDrafts.FirstOrDefaultAsync(d => d.UserId == userId && d.StoryId == form.Id, cancellationToken);
        if (draft is null)
        {
            draft = new StoryDraft { UserId = userId, StoryId = form.Id };
            db.StoryDrafts.Add(draft);
        }

        // A working copy keeps the typing, not what saving checks: a NUL (which the store cannot hold) is left out
        // here, and the save itself names the field that had one.
        var title = NulCharacters.Without(form.Title);
        var slug = NulCharacters.Without(form.Slug);
        var summary = form.Summary is null ? null : NulCharacters.Without(form.Summary);
        draft.BasedOnVersion = form.Version;
        draft.Title = title.Length > 300 ? title[..300] : title;
        draft.Slug = slug.Length > 200 ? slug[..200] : slug;
        draft.Summary = summary is { Length: > 2000 } ? summary[..2000] : summary;
        draft.BodyMarkdown = NulCharacters.Without(form.Body);
        draft.SavedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The editor's draft of the story, if it holds text that differs from what was saved (or the story is new).</summary>
    public async Task<StoryDraft?> FindAsync(string userId, int? storyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await db.StoryDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId && d.StoryId == storyId, cancellationToken);
        if (draft is null || storyId is null)
        {
            return draft;
        }

        var story = await db.Stories.AsNoTracking().Where(s => s.Id == storyId)
            .Select(s => new { s.Title, s.Slug, s.Summary, s.BodyMarkdown, s.UpdatedAt }).SingleAsync(cancellationToken);
        var differs = draft.Title != story.Title || draft.BodyMarkdown != story.BodyMarkdown
            || (draft.Summary ?? "") != (story.Summary ?? "") || (draft.Slug ?? story.Slug) != story.Slug;
        return differs && draft.SavedAt > story.UpdatedAt ? draft : null;
    }

    public async Task DiscardAsync(string userId, int? storyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.StoryDrafts.Where(d => d.UserId == userId && d.StoryId == storyId).ExecuteDeleteAsync(cancellationToken);
    }
}
