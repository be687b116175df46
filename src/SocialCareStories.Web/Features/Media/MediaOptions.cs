namespace SocialCareStories.Web.Features.Media;

/// <summary>The "Media" settings: what an upload may be, and how hard libvips may work.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The largest file accepted; the upload is read no further than this.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most pixels an image may have (checked from its header before it is decoded): 50 MP.</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>libvips worker threads per operation; the server has few cores shared with readers.</summary>
    public int Concurrency { get; set; } = 1;
}
