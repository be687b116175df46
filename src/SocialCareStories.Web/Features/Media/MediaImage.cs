using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Media;

/// <summary>
/// An image in the media library: the original (re-encoded without metadata) and its resized variants, with what
/// readers and editors need to use it well. The bytes live in the <see cref="IMediaStore"/>, keyed by each variant.
/// </summary>
public sealed class MediaImage : IVersioned
{
    public int Id { get; set; }

    /// <summary>The name the file had on the uploader's machine: only for finding it again in the library.</summary>
    public required string FileName { get; set; }

    /// <summary>What the image shows, for people who cannot see it. Never empty.</summary>
    public required string AltText { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }

    /// <summary>The point to keep in view when the image is cropped, 0–1 from the left and from the top.</summary>
    public double FocalX { get; set; } = 0.5;
    public double FocalY { get; set; } = 0.5;

    /// <summary>The stored original's size, upright (after EXIF orientation).</summary>
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>The stored original's type (a GIF is kept as its first frame in PNG).</summary>
    public required string ContentType { get; set; }
    public long ByteSize { get; set; }

    /// <summary>
    /// The start of the SHA-256 of the stored original, in every address of the image: replacing the file changes
    /// every address, so an address can be cached for ever.
    /// </summary>
    public required string Hash { get; set; }

    /// <summary>
    /// The hashes of files this image had before it was replaced, space-separated: their addresses (kept in story
    /// bodies) redirect to the current file. Any other hash is a 404, so an id alone finds nothing.
    /// </summary>
    public string? FormerHashes { get; set; }

    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; }

    public List<MediaVariant> Variants { get; set; } = [];
}

/// <summary>One stored rendition of an image: a width in one format, or the original.</summary>
public sealed class MediaVariant
{
    public int Id { get; set; }
    public int MediaImageId { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>"webp", "jpg", or "original".</summary>
    public required string Format { get; set; }
    public required string ContentType { get; set; }
    public long ByteSize { get; set; }

    /// <summary>Where the <see cref="IMediaStore"/> keeps the bytes.</summary>
    public required string StorageKey { get; set; }
}

/// <summary>The bytes of one variant, when the store is the database (<see cref="DatabaseMediaStore"/>).</summary>
public sealed class MediaBlob
{
    public required string Key { get; set; }
    public required byte[] Content { get; set; }
}
