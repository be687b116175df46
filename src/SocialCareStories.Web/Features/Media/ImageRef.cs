using System.Globalization;

namespace SocialCareStories.Web.Features.Media;

/// <summary>What a page needs to show a library image: its addresses, size, words and focal point.</summary>
public sealed record ImageRef(int Id, string Hash, int Width, int Height, string Alt, string? Caption, string? Credit, double FocalX, double FocalY)
{
    public IReadOnlyList<int> Widths => ImageProcessor.WidthsFor(Width);

    /// <summary>The address of one rendition: versioned by the file's hash, so it is cached for ever.</summary>
    public string Url(int width, string format) => MediaAddresses.Of(Id, Hash, width, format);

    public string Srcset(string format) => string.Join(", ", Widths.Select(w => $"{Url(w, format)} {w}w"));

    /// <summary>The widest rendition no wider than <paramref name="most"/> (the narrowest if all are wider).</summary>
    public int WidthUpTo(int most) => Widths.Where(w => w <= most).DefaultIfEmpty(Widths[0]).Max();

    public int HeightAt(int width) => (int)Math.Round((double)Height * width / Width);

    /// <summary>CSS object-position from the focal point, so a cropped image keeps its subject.</summary>
    public string ObjectPosition => string.Create(CultureInfo.InvariantCulture, $"{FocalX * 100:0.#}% {FocalY * 100:0.#}%");
}

public static class MediaAddresses
{
    public static string Of(int id, string hash, int width, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"/media/{id}/{hash}/{width}.{format}");
}
