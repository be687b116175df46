using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Comments;

/// <summary>The story a reader is commenting on: only published stories take comments.</summary>
public sealed record CommentableStory(int Id, string Title, string Slug);

/// <summary>Stores a reader's comment, waiting for an editor's approval.</summary>
public sealed class CommentSubmission(IDbContextFactory<StoriesDbContext> contextFactory, TimeProvider clock, ILogger<CommentSubmission> logger)
{
    public const int NameMaxLength = 100;
    public const int BodyMaxLength = 5_000;

    public async Task<CommentableStory?> FindStoryAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Stories.AsNoTracking()
            .Where(s => s.Slug == slug && s.Status == StoryVisibility.PublicStatus)
            .Select(s => new CommentableStory(s.Id, s.Title, s.Slug))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the comment as Pending. Readers never see it until an editor approves it, so the public page cache
    /// is left alone. False when the story is not (or no longer) published.
    /// </summary>
    public async Task<bool> SubmitAsync(string slug, string authorName, string body, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var story = await db.Stories.AsNoTracking()
            .Where(s => s.Slug == slug && s.Status == StoryVisibility.PublicStatus)
            .Select(s => new { s.Id, LastPosition = db.Comments.Where(c => c.StoryId == s.Id).Max(c => (int?)c.Position) })
            .SingleOrDefaultAsync(cancellationToken);
        if (story is null)
        {
            return false;
        }

        var comment = new Comment
        {
            StoryId = story.Id,
            AuthorName = authorName.Trim(),
            Body = body.Trim(),
            PostedAt = clock.GetUtcNow(),
            Status = ModerationStatus.Pending,
            IsImported = false,
            // After every comment already there, so the page keeps the order readers posted in.
            Position = (story.LastPosition ?? -1) + 1,
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Comment {CommentId} on story {StoryId} waits for moderation", comment.Id, story.Id);
        return true;
    }
}
