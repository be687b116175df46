namespace SocialCareStories.Web.Features.Shared;

/// <summary>
/// Content sniffing for files people hand the portal as text (import documents, the awards CSV): the name and the
/// browser's content type are the sender's claim, so the bytes decide. Recognises the binary formats someone is
/// likely to pick by mistake and says which one it is, and refuses anything with NUL bytes or control characters.
/// </summary>
public static class TextFiles
{
    private static readonly (byte[] Signature, string Description)[] KnownBinaries =
    [
        ("PK\u0003\u0004"u8.ToArray(), "a ZIP archive (an Excel .xlsx or Word .docx file is one)"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an older Office file (.xls or .doc)"),
        ("%PDF-"u8.ToArray(), "a PDF document"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ([0x1F, 0x8B], "a gzip archive"),
    ];

    /// <summary>Null when the bytes can be text; otherwise what they are, in words for the person who sent them.</summary>
    public static string? WhyNotText(ReadOnlySpan<byte> bytes)
    {
        foreach (var (signature, description) in KnownBinaries)
        {
            if (bytes.StartsWith(signature))
            {
                return $"it is {description}, not text";
            }
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            return "it is binary (it contains NUL bytes), not text";
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            // Tab, line feed, carriage return and form feed occur in real text; other C0 controls and DEL do not.
            if (bytes[i] is < 0x20 and not (0x09 or 0x0A or 0x0D or 0x0C) or 0x7F)
            {
                return $"it holds a control character (byte 0x{bytes[i]:X2} at position {i:N0}), so it is not plain text";
            }
        }

        return null;
    }
}
