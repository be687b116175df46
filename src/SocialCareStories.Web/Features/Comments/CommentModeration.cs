using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;

namespace SocialCareStories.Web.Features.Comments;

public sealed record CommentForModeration(
    int Id, string StoryTitle, string StorySlug, string? AuthorName, string Body, DateTimeOffset? PostedAt, ModerationStatus Status, bool IsImported);

/// <summary>One page of the queue: <see cref="Total"/> counts every comment the listing matches, not just this page.</summary>
public sealed record ModerationPage(IReadOnlyList<CommentForModeration> Comments, int Total, int Page = 1)
{
    public int PageCount => Math.Max(1, (Total + CommentModeration.PageSize - 1) / CommentModeration.PageSize);
}

/// <summary>What a bulk decision did: how many comments it moved, and how many of those chosen someone else had moved first.</summary>
public sealed record BulkModerationResult(int Changed, int Skipped);

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

    /// <summary>
    /// A page of the comments with this status, pending ones oldest first (the queue), the others newest first;
    /// with <paramref name="sender"/>, only that sender's (the name they gave: the only thing stored about a sender).
    /// </summary>
    public async Task<ModerationPage> ListAsync(ModerationStatus status, int page = 1, string? sender = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Comments.AsNoTracking().Where(c => c.Status == status);
        if (!string.IsNullOrWhiteSpace(sender))
        {
            var name = sender.Trim();
            query = query.Where(c => c.AuthorName == name);
        }

        var total = await query.CountAsync(cancellationToken);
        var lastPage = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, lastPage);
        // Ids grow with posting time, and SQLite cannot order by DateTimeOffset.
        var ordered = status == ModerationStatus.Pending ? query.OrderBy(c => c.Id) : query.OrderByDescending(c => c.Id);
        var comments = await ordered.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new CommentForModeration(c.Id, c.Story.Title, c.Story.Slug, c.AuthorName, c.Body, c.PostedAt, c.Status, c.IsImported))
            .ToListAsync(cancellationToken);
        return new ModerationPage(comments, total, page);
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

    /// <summary>
    /// Moves the chosen comments that still have the status the moderator saw to <paramref name="decision"/>, in one
    /// transaction with one audit entry naming them; those someone else moved meanwhile are left as they are and counted.
    /// </summary>
    public async Task<BulkModerationResult> ModerateManyAsync(IReadOnlyCollection<int> commentIds, ModerationStatus seen, ModerationStatus decision, ClaimsPrincipal moderator, CancellationToken cancellationToken = default)
    {
        var ids = commentIds.Distinct().ToList();
        var changed = await ModerateWhereAsync(c => ids.Contains(c.Id), seen, decision, moderator,
            count => $"{count} comments: {string.Join(", ", ids.Take(20).Select(id => $"#{id}"))}{(ids.Count > 20 ? ", …" : "")}", cancellationToken);
        return new BulkModerationResult(changed, ids.Count - changed);
    }

    /// <summary>Moves every comment from this sender (the name given) that has the status the moderator saw: a flood, marked as spam at once.</summary>
    public async Task<BulkModerationResult> ModerateSenderAsync(string sender, ModerationStatus seen, ModerationStatus decision, ClaimsPrincipal moderator, CancellationToken cancellationToken = default)
    {
        var name = sender.Trim();
        var changed = await ModerateWhereAsync(c => c.AuthorName == name, seen, decision, moderator, count => $"{count} comments from “{name}”", cancellationToken);
        return new BulkModerationResult(changed, 0);
    }

    private async Task<int> ModerateWhereAsync(
        System.Linq.Expressions.Expression<Func<Comment, bool>> chosen, ModerationStatus seen, ModerationStatus decision, ClaimsPrincipal moderator,
        Func<int, string> summary, CancellationToken cancellationToken)
    {
        if (seen == decision || decision == ModerationStatus.Pending)
        {
            throw new ArgumentException("A decision approves, rejects or marks as spam, and changes the comments' status.", nameof(decision));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var matching = db.Comments.Where(chosen).Where(c => c.Status == seen);
        var storyIds = await matching.Select(c => c.StoryId).Distinct().ToListAsync(cancellationToken);
        var changed = await matching.ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, decision), cancellationToken);
        if (changed == 0)
        {
            return 0;
        }

        audit.Record(db, Actor.From(moderator), BulkActionName(decision), nameof(Comment), null, summary(changed));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{Count} comments moved from {From} to {To} at once", changed, seen, decision);

        if (seen == ModerationStatus.Approved || decision == ModerationStatus.Approved)
        {
            foreach (var storyId in storyIds)
            {
                await cache.StoryPageChangedAsync(storyId, cancellationToken);
            }
        }

        return changed;
    }

    /// <summary>The audit action of a decision on many comments at once: "comments.approved", "comments.rejected", "comments.spam".</summary>
    public static string BulkActionName(ModerationStatus decision) => "comments." + ActionName(decision)["comment.".Length..];

    public static string ActionName(ModerationStatus decision) => decision switch
    {
        ModerationStatus.Approved => "comment.approved",
        ModerationStatus.Rejected => "comment.rejected",
        ModerationStatus.Spam => "comment.spam",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };
}
