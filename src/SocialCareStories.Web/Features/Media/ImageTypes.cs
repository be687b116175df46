namespace SocialCareStories.Web.Features.Media;

public enum ImageType
{
    Jpeg,
    Png,
    WebP,
    Gif,
}

/// <summary>What a file is, told by its first bytes, never by its name: only the four image types are accepted.</summary>
public static class ImageTypes
{
    /// <summary>The image type, or null with a description of what the bytes look like instead.</summary>
    public static (ImageType? Type, string What) Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (ImageType.Jpeg, "a JPEG image");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (ImageType.Png, "a PNG image");
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return (ImageType.WebP, "a WebP image");
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return (ImageType.Gif, "a GIF image");
        }

        return (null, Describe(head));
    }

    private static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) || head.StartsWith("MZ"u8)
            || head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]) || head.StartsWith("#!"u8))
        {
            return "a program, not an image";
        }

        if (head.StartsWith("%PDF"u8))
        {
            return "a PDF document";
        }

        if (head.StartsWith("PK"u8))
        {
            return "a ZIP archive (or an Office document)";
        }

        var text = System.Text.Encoding.UTF8.GetString(head.Length > 512 ? head[..512] : head).TrimStart('\uFEFF').TrimStart();
        if (text.Contains("<svg", StringComparison.OrdinalIgnoreCase))
        {
            return "an SVG drawing (SVG can carry script, so it is never accepted)";
        }

        if (text.StartsWith('<'))
        {
            return "an HTML or XML document";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "a HEIC/AVIF photo or a video (save it as JPEG first)";
        }

        return "not a JPEG, PNG, WebP or GIF image";
    }

    public static string ContentType(ImageType type) => type switch
    {
        ImageType.Jpeg => "image/jpeg",
        ImageType.Png or ImageType.Gif => "image/png",
        _ => "image/webp",
    };
}
