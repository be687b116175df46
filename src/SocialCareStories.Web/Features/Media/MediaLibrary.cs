using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Media;

/// <summary>What an editor says about an image: alt text (required), caption, credit and focal point.</summary>
public sealed class MediaDetails
{
    public string AltText { get; set; } = "";
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public double FocalX { get; set; } = 0.5;
    public double FocalY { get; set; } = 0.5;

    public static MediaDetails Of(MediaImage image) => new()
    {
        AltText = image.AltText, Caption = image.Caption, Credit = image.Credit, FocalX = image.FocalX, FocalY = image.FocalY,
    };

    /// <summary>Why these details cannot be saved, or null.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(AltText))
        {
            return AltTextRequired;
        }

        if (AltText.Trim().Length > 500 || Caption?.Trim().Length > 1000 || Credit?.Trim().Length > 300)
        {
            return "Alt text may be at most 500 characters, a caption 1,000 and a credit 300.";
        }

        if (NulCharacters.InAny([AltText, Caption, Credit]))
        {
            return NulCharacters.Message("Alt text, caption or credit");
        }

        return FocalX is < 0 or > 1 || FocalY is < 0 or > 1 || double.IsNaN(FocalX) || double.IsNaN(FocalY)
            ? "The focal point must lie within the image."
            : null;
    }

    public const string AltTextRequired =
        "Alt text is required: describe what the image shows for people who cannot see it (for example “Two carers laughing with a resident in the garden”).";

    internal void ApplyTo(MediaImage image)
    {
        image.AltText = AltText.Trim();
        image.Caption = string.IsNullOrWhiteSpace(Caption) ? null : Caption.Trim();
        image.Credit = string.IsNullOrWhiteSpace(Credit) ? null : Credit.Trim();
        image.FocalX = Math.Round(FocalX, 3);
        image.FocalY = Math.Round(FocalY, 3);
    }
}

public sealed record MediaResult(int ImageId, string? Problem)
{
    public bool Succeeded => Problem is null;

    public static MediaResult Refused(string problem) => new(0, problem);
}

/// <summary>An image in the library's list.</summary>
public sealed record MediaListItem(ImageRef Image, string FileName, long ByteSize, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>A story that shows an image: as its feature image, or in its body.</summary>
public sealed record MediaUse(int StoryId, string Title, bool AsFeatureImage);

/// <summary>
/// The media library: uploads, replacements, details and deletions, each one transaction with its audit entry, and
/// the cached pages that show the image evicted after it commits.
/// </summary>
public sealed class MediaLibrary(
    IDbContextFactory<StoriesDbContext> contextFactory,
    IMediaStore store,
    ImageProcessor processor,
    AuditLog audit,
    ContentCache cache,
    TimeProvider clock,
    IOptions<MediaOptions> options)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<MediaResult> UploadAsync(Stream content, string fileName, MediaDetails details, Actor actor, CancellationToken cancellationToken = default)
    {
        if (details.Problem() is { } problem)
        {
            return MediaResult.Refused(problem);
        }

        var processed = await ReadAndProcessAsync(content, cancellationToken);
        if (processed.Problem is not null)
        {
            return MediaResult.Refused(processed.Problem);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var image = new MediaImage
        {
            FileName = CleanFileName(fileName),
            AltText = "",
            ContentType = "",
            Hash = "",
            UploadedBy = actor.Name,
            UploadedAt = now,
        };
        details.ApplyTo(image);
        db.MediaImages.Add(image);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await StoreRenditionsAsync(db, image, processed.Image!, now, cancellationToken);
        audit.Record(db, actor, "media.uploaded", "MediaImage", image.Id, $"{image.FileName}: {image.AltText}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MediaResult(image.Id, null);
    }

    /// <summary>A new file for the same image: its id stays, its hash (so every address) changes, its old renditions go.</summary>
    public async Task<MediaResult> ReplaceAsync(int id, Stream content, string fileName, Actor actor, CancellationToken cancellationToken = default)
    {
        var processed = await ReadAndProcessAsync(content, cancellationToken);
        if (processed.Problem is not null)
        {
            return MediaResult.Refused(processed.Problem);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var image = await db.MediaImages.Include(i => i.Variants).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (image is null)
        {
            return MediaResult.Refused("This image is no longer in the library.");
        }

        image.FileName = CleanFileName(fileName);
        if (processed.Image!.Hash == image.Hash)
        {
            // The very same picture again: its renditions and addresses stand.
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new MediaResult(id, null);
        }

        foreach (var variant in image.Variants)
        {
            await store.RemoveAsync(db, variant.StorageKey, cancellationToken);
        }

        db.MediaVariants.RemoveRange(image.Variants);
        image.Variants.Clear();
        var former = (image.FormerHashes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(image.Hash).Distinct().TakeLast(100);
        image.FormerHashes = string.Join(' ', former);
        await StoreRenditionsAsync(db, image, processed.Image!, clock.GetUtcNow(), cancellationToken);
        audit.Record(db, actor, "media.replaced", "MediaImage", image.Id, image.FileName);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await EvictPagesShowingAsync(id, cancellationToken);
        return new MediaResult(id, null);
    }

    public async Task<MediaResult> UpdateDetailsAsync(int id, MediaDetails details, Actor actor, CancellationToken cancellationToken = default)
    {
        if (details.Problem() is { } problem)
        {
            return MediaResult.Refused(problem);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var image = await db.MediaImages.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (image is null)
        {
            return MediaResult.Refused("This image is no longer in the library.");
        }

        var before = (image.AltText, image.Caption, image.Credit, image.FocalX, image.FocalY);
        details.ApplyTo(image);
        if (before == (image.AltText, image.Caption, image.Credit, image.FocalX, image.FocalY))
        {
            return new MediaResult(id, null);
        }

        image.UpdatedAt = clock.GetUtcNow();
        audit.Record(db, actor, "media.updated", "MediaImage", id, image.AltText);
        await db.SaveChangesAsync(cancellationToken);
        await EvictPagesShowingAsync(id, cancellationToken);
        return new MediaResult(id, null);
    }

    /// <summary>Deletes an image no story uses; one that is used is refused with the stories that use it.</summary>
    public async Task<MediaResult> DeleteAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        var uses = await UsesAsync(id, cancellationToken);
        if (uses.Count > 0)
        {
            var titles = string.Join(", ", uses.Take(5).Select(u => $"“{u.Title}”"));
            return MediaResult.Refused(
                $"This image is still used by {uses.Count} {(uses.Count == 1 ? "story" : "stories")} ({titles}{(uses.Count > 5 ? ", …" : "")}). Remove it from them first.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var image = await db.MediaImages.Include(i => i.Variants).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (image is null)
        {
            return new MediaResult(id, null);
        }

        foreach (var variant in image.Variants)
        {
            await store.RemoveAsync(db, variant.StorageKey, cancellationToken);
        }

        db.MediaImages.Remove(image);
        audit.Record(db, actor, "media.deleted", "MediaImage", id, $"{image.FileName}: {image.AltText}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MediaResult(id, null);
    }

    /// <summary>Stories showing the image: as feature image, or in the body by its address (any version of it).</summary>
    public async Task<IReadOnlyList<MediaUse>> UsesAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var inBody = TextMatching.ContainsPattern($"/media/{id}/");
        var stories = await db.Stories.AsNoTracking()
            .Where(s => s.FeatureImageId == id || EF.Functions.Like(s.BodyMarkdown, inBody, "\\"))
            .OrderBy(s => s.Title)
            .Select(s => new MediaUse(s.Id, s.Title, s.FeatureImageId == id))
            .ToListAsync(cancellationToken);
        return stories;
    }

    public async Task<MediaImage?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.MediaImages.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    public async Task<ImageRef?> FindRefAsync(int id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken) is { } image ? RefOf(image) : null;

    /// <summary>A page of the library, newest first, matching <paramref name="search"/> in alt text, caption, credit or file name.</summary>
    public async Task<StoryPage<MediaListItem>> ListAsync(string? search, int page, int pageSize = 24, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        IQueryable<MediaImage> query = db.MediaImages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.WhereAnyLike(db, TextMatching.ContainsPattern(search.Trim()), i => i.AltText, i => i.Caption, i => i.Credit, i => i.FileName);
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var images = await query.OrderByDescending(i => i.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new StoryPage<MediaListItem>(
            images.Select(i => new MediaListItem(RefOf(i), i.FileName, i.ByteSize, i.UploadedAt, i.UploadedBy)).ToList(), total, page, pageSize);
    }

    public static ImageRef RefOf(MediaImage image) =>
        new(image.Id, image.Hash, image.Width, image.Height, image.AltText, image.Caption, image.Credit, image.FocalX, image.FocalY);

    /// <summary>The rendition behind a public address, or null: only the image's current hash is served from here.</summary>
    public async Task<(string ContentType, byte[] Content)?> ReadRenditionAsync(int id, string hash, int width, string format, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var variant = await db.MediaVariants.AsNoTracking()
            .Where(v => v.MediaImageId == id && v.Width == width && v.Format == format && db.MediaImages.Any(i => i.Id == id && i.Hash == hash))
            .Select(v => new { v.StorageKey, v.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        if (variant is null)
        {
            return null;
        }

        var content = await store.ReadAsync(variant.StorageKey, cancellationToken);
        return content is null ? null : (variant.ContentType, content);
    }

    /// <summary>
    /// The current hash of an image whose file had <paramref name="formerHash"/> before it was replaced (a body image
    /// keeps its old address); null for a hash it never had, so knowing an id is not enough to fetch an image.
    /// </summary>
    public async Task<string?> CurrentHashAsync(int id, string formerHash, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var image = await db.MediaImages.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Hash, i.FormerHashes }).SingleOrDefaultAsync(cancellationToken);
        return image?.FormerHashes?.Split(' ').Contains(formerHash, StringComparer.Ordinal) == true ? image.Hash : null;
    }

    private async Task<(ProcessedImage? Image, string? Problem)> ReadAndProcessAsync(Stream content, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxUploadBytes;
        var bytes = await UploadReading.ReadAtMostAsync(content, max, cancellationToken);
        if (bytes is null)
        {
            return (null, $"This file is larger than {UploadReading.Megabytes(max)}, the most the portal accepts. Save a smaller copy (2,000 pixels wide is plenty) and upload that.");
        }

        if (bytes.Length == 0)
        {
            return (null, "This file is empty.");
        }

        try
        {
            return (await processor.ProcessAsync(bytes, cancellationToken), null);
        }
        catch (ImageRefusedException refused)
        {
            return (null, refused.Message);
        }
    }

    private async Task StoreRenditionsAsync(StoriesDbContext db, MediaImage image, ProcessedImage processed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        image.Hash = processed.Hash;
        image.Width = processed.Width;
        image.Height = processed.Height;
        image.ContentType = processed.Original.ContentType;
        image.ByteSize = processed.Original.Content.Length;
        image.UpdatedAt = now;
        foreach (var rendition in processed.Variants.Prepend(processed.Original))
        {
            var key = $"{image.Id}/{processed.Hash}/{rendition.Width}.{rendition.Format}";
            await store.PutAsync(db, key, rendition.Content, cancellationToken);
            image.Variants.Add(new MediaVariant
            {
                Width = rendition.Width,
                Height = rendition.Height,
                Format = rendition.Format,
                ContentType = rendition.ContentType,
                ByteSize = rendition.Content.Length,
                StorageKey = key,
            });
        }
    }

    private async Task EvictPagesShowingAsync(int id, CancellationToken cancellationToken)
    {
        var uses = await UsesAsync(id, cancellationToken);
        if (uses.Count > 0)
        {
            await cache.StoriesChangedAsync(uses.Select(u => u.StoryId), listingsChanged: false, cancellationToken);
        }
    }

    private static string CleanFileName(string fileName)
    {
        var name = Path.GetFileName(NulCharacters.Without(fileName ?? "")).Trim();
        return name.Length == 0 ? "image" : name.Length > 200 ? name[..200] : name;
    }
}
