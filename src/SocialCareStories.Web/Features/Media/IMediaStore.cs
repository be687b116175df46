using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Media;

/// <summary>
/// Where the media library keeps image bytes. Writes join the caller's unit of work on <c>db</c>, so an image and its
/// bytes commit together or not at all. The one implementation is <see cref="DatabaseMediaStore"/>: every instance
/// already shares the database, on SQLite and PostgreSQL alike (ADR-013). An object store (S3) would write at once
/// and need a sweep for bytes whose transaction failed; it is not built.
/// </summary>
public interface IMediaStore
{
    Task PutAsync(StoriesDbContext db, string key, byte[] content, CancellationToken cancellationToken = default);

    Task RemoveAsync(StoriesDbContext db, string key, CancellationToken cancellationToken = default);

    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>Image bytes in the <c>MediaBlobs</c> table of the content store.</summary>
public sealed class DatabaseMediaStore(IDbContextFactory<StoriesDbContext> contextFactory) : IMediaStore
{
    public Task PutAsync(StoriesDbContext db, string key, byte[] content, CancellationToken cancellationToken = default)
    {
        db.MediaBlobs.Add(new MediaBlob { Key = key, Content = content });
        return Task.CompletedTask;
    }

    public async Task RemoveAsync(StoriesDbContext db, string key, CancellationToken cancellationToken = default)
    {
        var blob = await db.MediaBlobs.FindAsync([key], cancellationToken);
        if (blob is not null)
        {
            db.MediaBlobs.Remove(blob);
        }
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.MediaBlobs.AsNoTracking().Where(b => b.Key == key).Select(b => b.Content).SingleOrDefaultAsync(cancellationToken);
    }
}
