using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Stories;

/// <summary>
/// Brings every story's stored HTML (<see cref="Story.BodyHtml"/>) up to the current
/// <see cref="MarkdownRenderer.Version"/>: run at start, after the migrations, so a change to the pipeline or the
/// sanitiser reaches old stories before any reader asks for them. Saves keep the HTML in step themselves.
/// </summary>
public sealed class StoredStoryHtml(IDbContextFactory<StoriesDbContext> contextFactory, MarkdownRenderer renderer, ILogger<StoredStoryHtml> logger)
{
    /// <summary>Stories rendered per transaction: a long start never holds the write lock for long.</summary>
    public const int BatchSize = 500;

    /// <returns>How many stories were rendered again.</returns>
    public async Task<int> RenderStaleAsync(CancellationToken cancellationToken = default)
    {
        var rendered = 0;
        var after = 0;
        while (true)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            // Versions only go up, so the stale rows are a range of the BodyHtmlVersion index, not a table scan.
            var batch = await db.Stories.AsNoTracking()
                .Where(s => s.Id > after && s.BodyHtmlVersion < MarkdownRenderer.Version)
                .OrderBy(s => s.Id).Take(BatchSize)
                .Select(s => new { s.Id, s.BodyMarkdown })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var story in batch)
            {
                // Only the HTML columns: a re-render is no edit, so the story's version (which editors' saves
                // are checked against) and its UpdatedAt stay as they were.
                var html = renderer.ToSafeHtml(story.BodyMarkdown);
                await db.Stories.Where(s => s.Id == story.Id).ExecuteUpdateAsync(
                    set => set.SetProperty(s => s.BodyHtml, html).SetProperty(s => s.BodyHtmlVersion, MarkdownRenderer.Version),
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            rendered += batch.Count;
            after = batch[^1].Id;
        }

        if (rendered > 0)
        {
            logger.LogInformation("Rendered the stored HTML of {Count} stories again (renderer version {Version})", rendered, MarkdownRenderer.Version);
        }

        return rendered;
    }
}
