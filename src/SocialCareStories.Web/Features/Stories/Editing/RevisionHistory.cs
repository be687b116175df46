using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Stories.Editing;

public sealed record RevisionSummary(int Id, DateTimeOffset SavedAt, string SavedBy, string? Note, string Title);

/// <summary>A story's saved versions, newest first, and what changed between any two.</summary>
public sealed class RevisionHistory(IDbContextFactory<StoriesDbContext> contextFactory)
{
    public async Task<IReadOnlyList<RevisionSummary>> ListAsync(int storyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Revisions.AsNoTracking().Where(r => r.StoryId == storyId).OrderByDescending(r => r.Id)
            .Select(r => new RevisionSummary(r.Id, r.SavedAt, r.SavedBy, r.Note, r.Title))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Title, summary and body of the older revision against the newer, as one readable line diff.</summary>
    public async Task<IReadOnlyList<DiffLine>?> CompareAsync(int storyId, int olderId, int newerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pair = await db.Revisions.AsNoTracking().Where(r => r.StoryId == storyId && (r.Id == olderId || r.Id == newerId))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return pair.TryGetValue(olderId, out var older) && pair.TryGetValue(newerId, out var newer)
            ? LineDiff.Compare(AsText(older), AsText(newer))
            : null;
    }

    /// <summary>The fields an editor writes, as one text with labelled parts, so the diff shows which part changed.</summary>
    public static string AsText(Revision revision) => AsText(revision.Title, revision.Summary, revision.BodyMarkdown);

    public static string AsText(string title, string? summary, string body) =>
        $"Title: {title}\nSummary: {summary}\n\n{body}";
}
