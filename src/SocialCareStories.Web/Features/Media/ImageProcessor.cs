using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NetVips;

namespace SocialCareStories.Web.Features.Media;

/// <summary>A file turned into what the library stores, or the reason it was refused.</summary>
public sealed record ProcessedImage(ImageType SourceType, int Width, int Height, string Hash, ImageRendition Original, IReadOnlyList<ImageRendition> Variants);

public sealed record ImageRendition(int Width, int Height, string Format, string ContentType, byte[] Content);

public sealed class ImageRefusedException(string message) : Exception(message);

/// <summary>
/// Checks and processes an uploaded image with libvips (ADR-013): the type from its bytes, its pixel count from its
/// header before anything is decoded, then every rendition decoded strictly (a damaged file fails), turned upright
/// by its EXIF orientation, converted to sRGB and saved with no metadata at all: no EXIF, GPS, XMP or ICC profile,
/// the kept original included. One image at a time, so a burst of uploads cannot take the server's memory.
/// </summary>
public sealed class ImageProcessor(IOptions<MediaOptions> options)
{
    /// <summary>The widths served (each no wider than the original); a narrower original is served at its own width.</summary>
    public static readonly int[] Widths = [320, 640, 960, 1280, 1600];

    private const int HashLength = 16;
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static IReadOnlyList<int> WidthsFor(int originalWidth)
    {
        var fitting = Widths.Where(w => w <= originalWidth).ToArray();
        return fitting.Length > 0 ? fitting : [originalWidth];
    }

    /// <exception cref="ImageRefusedException">The file is not an image the portal accepts; the message says why.</exception>
    public async Task<ProcessedImage> ProcessAsync(byte[] file, CancellationToken cancellationToken = default)
    {
        var (type, what) = ImageTypes.Sniff(file.AsSpan(0, Math.Min(file.Length, 1024)));
        if (type is not { } imageType)
        {
            throw new ImageRefusedException($"This file is {what}. Upload a JPEG, PNG, WebP or GIF image.");
        }

        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            // libvips works synchronously; off the caller's thread so an editor's circuit stays responsive.
            return await Task.Run(() => Process(file, imageType), cancellationToken);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private ProcessedImage Process(byte[] file, ImageType type)
    {
        CheckHeader(file, type);
        try
        {
            // Decoded as it is written, never whole in memory; each width is decoded again (JPEG shrinks on load, so
            // that is cheap), and held in memory only at its own size, for its two encodings.
            ImageRendition original;
            using (var upright = Image.ThumbnailBuffer(file, 100_000, height: 100_000, size: Enums.Size.Down, failOn: Enums.FailOn.Error))
            {
                original = Save(upright, type == ImageType.Gif ? ImageType.Png : type, "original", quality: 90);
            }

            var variants = new List<ImageRendition>();
            foreach (var width in WidthsFor(original.Width))
            {
                using var decoded = Image.ThumbnailBuffer(file, width, height: 100_000, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
                using var resized = decoded.CopyMemory();
                variants.Add(Save(resized, ImageType.WebP, "webp", quality: 78));
                variants.Add(Save(resized, ImageType.Jpeg, "jpg", quality: 80));
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(original.Content))[..HashLength];
            return new ProcessedImage(type, original.Width, original.Height, hash, original, variants);
        }
        catch (VipsException)
        {
            throw new ImageRefusedException(Damaged);
        }
    }

    /// <summary>The header alone, read without decoding: a decompression bomb is refused before it costs memory.</summary>
    private void CheckHeader(byte[] file, ImageType type)
    {
        int width, height;
        try
        {
            using var header = Image.NewFromBuffer(file, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            (width, height) = (header.Width, header.Height);
        }
        catch (VipsException)
        {
            throw new ImageRefusedException($"This file starts like {Article(type)} image but cannot be read as one: it is damaged or not really an image.");
        }

        var limit = options.Value.MaxPixels;
        if ((long)width * height > limit)
        {
            throw new ImageRefusedException(
                $"This image is {width:N0} × {height:N0} pixels; the most the portal accepts is {limit / 1_000_000.0:0.#} million pixels. Make it smaller and upload it again.");
        }

        // One strict pass over every pixel, streamed (a few scanlines in memory): a file cut short or damaged fails
        // here, where the resizing below would quietly fill the missing part with grey.
        try
        {
            using var strict = Image.NewFromBuffer(file, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            _ = strict.Min();
        }
        catch (VipsException)
        {
            throw new ImageRefusedException(Damaged);
        }
    }

    private const string Damaged =
        "This image is damaged or incomplete (perhaps the upload was cut short), so it cannot be read. Save it again and upload the new file.";

    private static ImageRendition Save(Image image, ImageType format, string label, int quality)
    {
        var content = format switch
        {
            ImageType.Jpeg => Opaque(image).JpegsaveBuffer(q: quality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
            ImageType.Png => image.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None),
            _ => image.WebpsaveBuffer(q: quality, effort: 4, keep: Enums.ForeignKeep.None),
        };
        return new ImageRendition(image.Width, image.Height, label, ImageTypes.ContentType(format), content);
    }

    // JPEG has no transparency: transparent parts become white rather than libvips' default black.
    private static Image Opaque(Image image) => image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image;

    private static string Article(ImageType type) => type switch
    {
        ImageType.Jpeg => "a JPEG",
        ImageType.Png => "a PNG",
        ImageType.WebP => "a WebP",
        _ => "a GIF",
    };

    /// <summary>Keeps libvips lean: no operation cache (each image is processed once) and few threads.</summary>
    public static void ConfigureLibvips(MediaOptions options)
    {
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        global::NetVips.NetVips.Concurrency = Math.Max(1, options.Concurrency);
    }
}
