using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Comments;

/// <summary>A flood of comments must not bury real ones: the queue pages with its total, narrows to one sender, and moderates many at once.</summary>
public sealed class BulkModerationTests(CommentsPortalFactory portal) : IClassFixture<CommentsPortalFactory>
{
    private static string Sender() => $"Flood Sender {Guid.NewGuid():N}";

    private async Task<List<int>> AddAsync(string sender, int count, ModerationStatus status = ModerationStatus.Pending)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var storyId = await db.Stories.Where(s => s.Slug == Comments.StorySlug).Select(s => s.Id).SingleAsync();
        var comments = Enumerable.Range(0, count)
            .Select(n => new Comment { StoryId = storyId, AuthorName = sender, Body = $"Buy now {n}", Status = status, PostedAt = DateTimeOffset.UtcNow, Position = 20_000 + n })
            .ToList();
        db.Comments.AddRange(comments);
        await db.SaveChangesAsync();
        return comments.Select(c => c.Id).ToList();
    }

    private async Task<T> WithModerationAsync<T>(Func<CommentModeration, Task<T>> act)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<CommentModeration>());
    }

    private async Task<Dictionary<int, ModerationStatus>> StatusesAsync(IEnumerable<int> ids)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var list = ids.ToList();
        return await db.Comments.Where(c => list.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Status);
    }

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync();
    }

    [Fact]
    public async Task The_queue_pages_one_senders_comments_with_their_total()
    {
        var sender = Sender();
        var ids = await AddAsync(sender, CommentModeration.PageSize + 10);

        var first = await WithModerationAsync(m => m.ListAsync(ModerationStatus.Pending, page: 1, sender: sender));
        var second = await WithModerationAsync(m => m.ListAsync(ModerationStatus.Pending, page: 2, sender: sender));

        Assert.Equal(CommentModeration.PageSize + 10, first.Total);
        Assert.Equal(CommentModeration.PageSize, first.Comments.Count);
        Assert.Equal(10, second.Comments.Count);
        Assert.Equal(2, second.Page);
        Assert.Equal(ids, first.Comments.Concat(second.Comments).Select(c => c.Id).ToList());
        Assert.All(first.Comments, c => Assert.Equal(sender, c.AuthorName));
    }

    [Fact]
    public async Task Marking_selected_comments_as_spam_changes_exactly_those_and_writes_one_audit_entry()
    {
        var ids = await AddAsync(Sender(), 5);
        var chosen = ids.Take(3).ToList();
        var spamBefore = (await AuditAsync("comments.spam")).Count;

        var result = await WithModerationAsync(m => m.ModerateManyAsync(chosen, ModerationStatus.Pending, ModerationStatus.Spam, Comments.Editor));
        var statuses = await StatusesAsync(ids);

        Assert.Equal((3, 0), (result.Changed, result.Skipped));
        Assert.All(chosen, id => Assert.Equal(ModerationStatus.Spam, statuses[id]));
        Assert.All(ids.Skip(3), id => Assert.Equal(ModerationStatus.Pending, statuses[id]));
        var entries = await AuditAsync("comments.spam");
        Assert.Equal(spamBefore + 1, entries.Count);
        Assert.Contains("3 comments", entries[^1].Summary, StringComparison.Ordinal);
        Assert.Equal("Test Editor", entries[^1].UserName);
    }

    [Fact]
    public async Task A_selected_comment_someone_else_moderated_meanwhile_is_skipped_not_overwritten()
    {
        var ids = await AddAsync(Sender(), 3);
        await Comments.ModerateAsync(portal, ids[0], ModerationStatus.Pending, ModerationStatus.Approved);

        var result = await WithModerationAsync(m => m.ModerateManyAsync(ids, ModerationStatus.Pending, ModerationStatus.Rejected, Comments.Editor));
        var statuses = await StatusesAsync(ids);

        Assert.Equal((2, 1), (result.Changed, result.Skipped));
        Assert.Equal(ModerationStatus.Approved, statuses[ids[0]]);
        Assert.Equal(ModerationStatus.Rejected, statuses[ids[1]]);
    }

    [Fact]
    public async Task Everything_waiting_from_one_sender_is_marked_as_spam_and_nobody_elses()
    {
        var flooder = Sender();
        var neighbour = Sender();
        var flood = await AddAsync(flooder, 70);
        var alreadyApproved = await AddAsync(flooder, 1, ModerationStatus.Approved);
        var real = await AddAsync(neighbour, 2);

        var result = await WithModerationAsync(m => m.ModerateSenderAsync(flooder, ModerationStatus.Pending, ModerationStatus.Spam, Comments.Editor));
        var statuses = await StatusesAsync([.. flood, .. alreadyApproved, .. real]);

        Assert.Equal(70, result.Changed);
        Assert.All(flood, id => Assert.Equal(ModerationStatus.Spam, statuses[id]));
        Assert.Equal(ModerationStatus.Approved, statuses[alreadyApproved.Single()]);
        Assert.All(real, id => Assert.Equal(ModerationStatus.Pending, statuses[id]));
        Assert.Equal(0, (await WithModerationAsync(m => m.ListAsync(ModerationStatus.Pending, sender: flooder))).Total);
    }
}
