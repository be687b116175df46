using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Stories.Editing;

public enum AdminSort
{
    Updated,
    Title,
}

public sealed record AdminStoryQuery(
    string? Search = null,
    StoryStatus? Status = null,
    StoryKind? Kind = null,
    int? CategoryId = null,
    int? AuthorId = null,
    bool NeedsReviewOnly = false,
    AdminSort Sort = AdminSort.Updated,
    int Page = 1,
    int PageSize = 25);

public sealed record AdminStoryRow(int Id, string Title, string Slug, StoryKind Kind, StoryStatus Status, DateTimeOffset UpdatedAt,
    DateTimeOffset? ScheduledFor, bool NeedsReview, string? ReviewNote, IReadOnlyList<string> Authors);

public sealed record AdminStoryPage(IReadOnlyList<AdminStoryRow> Rows, int Total, int Page, int PageCount);

/// <summary>The editors' list of every story, whatever its status.</summary>
public sealed class StoryAdminList(IDbContextFactory<StoriesDbContext> contextFactory)
{
    public async Task<AdminStoryPage> ListAsync(AdminStoryQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stories = db.Stories.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var words = query.Search.Trim();
            stories = stories.WhereLike(db, s => s.Title, TextMatching.ContainsPattern(words));
        }

        if (query.Status is { } status)
        {
            stories = stories.Where(s => s.Status == status);
        }

        if (query.Kind is { } kind)
        {
            stories = stories.Where(s => s.Kind == kind);
        }

        if (query.CategoryId is { } categoryId)
        {
            stories = stories.Where(s => s.Categories.Any(c => c.Id == categoryId || c.ParentId == categoryId));
        }

        if (query.AuthorId is { } authorId)
        {
            stories = stories.Where(s => s.Authors.Any(a => a.AuthorId == authorId));
        }

        if (query.NeedsReviewOnly)
        {
            stories = stories.Where(s => s.NeedsReview);
        }

        var total = await stories.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        List<int> ids;
        if (query.Sort == AdminSort.Title)
        {
            ids = await stories.OrderBy(s => s.Title).ThenBy(s => s.Id).Skip((page - 1) * query.PageSize).Take(query.PageSize)
                .Select(s => s.Id).ToListAsync(cancellationToken);
        }
        else
        {
            // SQLite cannot order by a DateTimeOffset column, so the (id, time) pairs are sorted here.
            var stamps = await stories.Select(s => new { s.Id, s.UpdatedAt }).ToListAsync(cancellationToken);
            ids = stamps.OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Id)
                .Skip((page - 1) * query.PageSize).Take(query.PageSize).Select(s => s.Id).ToList();
        }

        var rows = await db.Stories.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new AdminStoryRow(s.Id, s.Title, s.Slug, s.Kind, s.Status, s.UpdatedAt, s.ScheduledFor, s.NeedsReview, s.ReviewNote,
                s.Authors.OrderBy(a => a.Position).Select(a => a.Author.Name).ToList()))
            .ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return new AdminStoryPage(ids.Select(id => byId[id]).ToList(), total, page, pageCount);
    }

    public async Task<IReadOnlyList<(int Id, string Name)>> AuthorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        return authors.Select(a => (a.Id, a.Name)).ToList();
    }

    /// <summary>Existing names starting with or containing the text, for the tag and author pickers.</summary>
    public async Task<IReadOnlyList<string>> SuggestAsync(bool tags, string? text, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pattern = TextMatching.ContainsPattern(text?.Trim() ?? "");
        var names = tags
            ? db.Tags.AsNoTracking().Select(t => t.Name)
            : db.Authors.AsNoTracking().Select(a => a.Name);
        return await names.WhereLike(db, n => n, pattern).OrderBy(n => n).Take(20).ToListAsync(cancellationToken);
    }

}
