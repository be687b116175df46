namespace SocialCareStories.Web.Features.Media;

public static class UploadReading
{
    /// <summary>
    /// The stream's bytes if there are at most <paramref name="maxBytes"/>, else null: reading stops one chunk past the
    /// limit, so a 50 MB upload costs no more memory than the limit.
    /// </summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream stream, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
