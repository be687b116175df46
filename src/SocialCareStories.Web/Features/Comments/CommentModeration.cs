using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;

namespace SocialCareStories.Web.Features.Comments;

public sealed record CommentForModeration(
    int Id, string StoryTitle, string StorySlug, string? AuthorName, string Body, DateTimeOffset? PostedAt, ModerationStatus Status, bool IsImported);

public sealed record ModerationPage(IReadOnlyList<CommentForModeration> Comments, int Total);

public enum ModerationOutcome
{
    Done,

    /// <summary>Someone else moderated the comment after this moderator's list was loaded.</summary>
    AlreadyModerated,
    NotFound,
}

public sealed record ModerationResult(ModerationOutcome Outcome, ModerationStatus? CurrentStatus);

/// <summary>The moderation queue: lists comments by status and moves a comment from one status to another.</summary>
public sealed class CommentModeration(IDbContextFactory<StoriesDbContext> contextFactory, AuditLog audit, ContentCache cache, ILogger<CommentModeration> logger)
{
    public const int PageSize = 50;

    /// <summary>Pending comments oldest first (the queue); the other statuses newest first.</summary>
    public async Task<ModerationPage> ListAsync(ModerationStatus status, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Comments.AsNoTracking().Where(c => c.Status == status);
        var total = await query.CountAsync(cancellationToken);
        // Ids grow with posting time, and SQLite cannot order by DateTimeOffset.
        var ordered = status == ModerationStatus.Pending ? query.OrderBy(c => c.Id) : query.OrderByDescending(c => c.Id);
        var comments = await ordered.Take(PageSize)
            .Select(c => new CommentForModeration(c.Id, c.Story.Title, c.Story.Slug, c.AuthorName, c.Body, c.PostedAt, c.Status, c.IsImported))
            .ToListAsync(cancellationToken);
        return new ModerationPage(comments, total);
    }

    public async Task<IReadOnlyDictionary<ModerationStatus, int>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Comments.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<ModerationStatus>().ToDictionary(s => s, s => counts.SingleOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    /// <summary>
    /// Moves the comment from the status the moderator saw to a new one, with its audit entry, atomically. The
    /// update only matches while the comment still has the status the moderator saw, so when two moderators act
    /// on one comment the second is told it was already moderated instead of silently overwriting the first.
    /// </summary>
    public async Task<ModerationResult> ModerateAsync(int commentId, ModerationStatus seen, ModerationStatus decision, ClaimsPrincipal moderator, CancellationToken cancellationToken = default)
    {
        if (seen == decision || decision == ModerationStatus.Pending)
        {
            throw new ArgumentException("A decision approves, rejects or marks as spam, and changes the comment's status.", nameof(decision));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Comments.Where(c => c.Id == commentId && c.Status == seen)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, decision), cancellationToken);
        if (changed == 0)
        {
            var current = await db.Comments.Where(c => c.Id == commentId).Select(c => (ModerationStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
            return new ModerationResult(current is null ? ModerationOutcome.NotFound : ModerationOutcome.AlreadyModerated, current);
        }

        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
            .Select(c => new { c.StoryId, c.AuthorName, StoryTitle = c.Story.Title }).SingleAsync(cancellationToken);
        audit.Record(db, Actor.From(moderator), ActionName(decision), nameof(Comment), commentId,
            $"{comment.AuthorName ?? "A reader"} on “{comment.StoryTitle}”");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Comment {CommentId} moved from {From} to {To}", commentId, seen, decision);

        // Only approved comments are shown, and only on their story's page, so only a change into or out of
        // Approved alters a public page, and only that one.
        if (seen == ModerationStatus.Approved || decision == ModerationStatus.Approved)
        {
            await cache.StoryPageChangedAsync(comment.StoryId, cancellationToken);
        }

        return new ModerationResult(ModerationOutcome.Done, decision);
    }

    public static string ActionName(ModerationStatus decision) => decision switch
    {
        ModerationStatus.Approved => "comment.approved",
        ModerationStatus.Rejected => "comment.rejected",
        ModerationStatus.Spam => "comment.spam",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };
}
