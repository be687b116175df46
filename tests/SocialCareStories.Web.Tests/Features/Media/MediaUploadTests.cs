using System.Text;
using Microsoft.EntityFrameworkCore;
using NetVips;
using SocialCareStories.Web.Features.Media;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Media;

/// <summary>The media library's uploads with real libvips on a real store: what is kept, and what is refused.</summary>
public sealed class MediaUploadTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static MediaDetails Described(string alt = "Two carers laughing with a resident in the garden") => new() { AltText = alt };

    private Task<MediaResult> UploadAsync(byte[] file, string name = "photo.jpg", MediaDetails? details = null) =>
        Get<MediaLibrary>(portal).UploadAsync(new MemoryStream(file), name, details ?? Described(), Edna);

    [Fact]
    public async Task A_phone_photo_is_stored_upright_in_every_width_and_no_stored_file_keeps_its_EXIF_or_GPS()
    {
        var photo = TestImages.PhotoWithGps(1600, 1000, orientation: 6);
        using (var sent = Image.NewFromBuffer(photo))
        {
            Assert.Contains("exif-ifd3-GPSLatitude", sent.GetFields());
        }

        var result = await UploadAsync(photo);

        Assert.True(result.Succeeded, result.Problem);
        await using var db = await DbAsync(portal);
        var image = await db.MediaImages.Include(i => i.Variants).SingleAsync(i => i.Id == result.ImageId);
        Assert.Equal((1000, 1600), (image.Width, image.Height));
        Assert.Equal([320, 640, 960, 320, 640, 960], image.Variants.Where(v => v.Format != "original").OrderBy(v => v.Format).ThenBy(v => v.Width).Select(v => v.Width));
        Assert.Equal(7, image.Variants.Count);
        foreach (var variant in image.Variants)
        {
            var bytes = await db.MediaBlobs.Where(b => b.Key == variant.StorageKey).Select(b => b.Content).SingleAsync();
            using var stored = Image.NewFromBuffer(bytes);
            var fields = stored.GetFields();
            Assert.DoesNotContain(fields, f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation");
            Assert.DoesNotContain("GPS", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain("TestPhone", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
            Assert.True(stored.Height > stored.Width, $"{variant.Width}.{variant.Format} is not upright");
            Assert.Equal((variant.Width, variant.Height), (stored.Width, stored.Height));
        }
    }

    [Fact]
    public async Task A_picture_narrower_than_the_smallest_width_is_served_at_its_own_width_and_a_gif_keeps_its_first_frame()
    {
        using var frame = (Image.Black(200, 100, bands: 3) + 200).Cast(Enums.BandFormat.Uchar);
        var gif = frame.GifsaveBuffer();

        var result = await UploadAsync(gif, "banner.gif");

        Assert.True(result.Succeeded, result.Problem);
        await using var db = await DbAsync(portal);
        var image = await db.MediaImages.Include(i => i.Variants).SingleAsync(i => i.Id == result.ImageId);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(["jpg", "original", "webp"], image.Variants.Select(v => v.Format).Order());
        Assert.All(image.Variants, v => Assert.Equal(200, v.Width));
    }

    public static TheoryData<string, string, string> HostileFiles => new()
    {
        { "renamed Linux program", "photo.jpg", "a program, not an image" },
        { "renamed Windows program", "holiday.jpg", "a program, not an image" },
        { "SVG with script", "logo.svg", "SVG" },
        { "20,000 × 20,000 PNG bomb", "bomb.png", "20,000 × 20,000 pixels" },
        { "truncated JPEG", "cut.jpg", "damaged or incomplete" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_hostile_file_is_refused_with_a_message_saying_what_is_wrong_and_nothing_is_stored(string kind, string name, string expected)
    {
        var file = kind switch
        {
            "renamed Linux program" => TestImages.LinuxExecutable(),
            "renamed Windows program" => TestImages.WindowsExecutable(),
            "SVG with script" => TestImages.SvgWithScript(),
            "20,000 × 20,000 PNG bomb" => TestImages.PngBomb(),
            _ => TestImages.TruncatedJpeg(),
        };
        var before = await CountsAsync();

        var result = await UploadAsync(file, name);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_50_MB_upload_is_refused_after_reading_no_more_than_the_limit_and_nothing_is_stored()
    {
        var before = await CountsAsync();
        var upload = new TestImages.EndlessUploadStream(50L * 1024 * 1024);

        var result = await Get<MediaLibrary>(portal).UploadAsync(upload, "huge.jpg", Described(), Edna);

        Assert.False(result.Succeeded);
        Assert.Contains("larger than 10 MB", result.Problem, StringComparison.Ordinal);
        Assert.True(upload.BytesRead <= 10L * 1024 * 1024 + 81920, $"read {upload.BytesRead:N0} bytes");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_image_without_alt_text_is_refused_before_it_is_processed()
    {
        var before = await CountsAsync();

        var result = await UploadAsync(TestImages.Png(400, 300), "no-alt.png", Described("   "));

        Assert.False(result.Succeeded);
        Assert.Contains("Alt text is required", result.Problem, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Renditions_are_served_with_their_type_immutable_caching_and_nosniff_and_unknown_addresses_are_404()
    {
        var result = await UploadAsync(TestImages.Png(700, 400), "served.png");
        Assert.True(result.Succeeded, result.Problem);
        var image = (await Get<MediaLibrary>(portal).FindRefAsync(result.ImageId))!;
        var client = portal.CreateClient();

        foreach (var (format, type) in new[] { ("webp", "image/webp"), ("jpg", "image/jpeg") })
        {
            using var response = await client.GetAsync(new Uri(image.Url(640, format), UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            using var served = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(640, served.Width);
        }

        foreach (var missing in new[] { image.Url(960, "jpg"), $"/media/{image.Id + 1000}/{image.Hash}/640.jpg", $"/media/{image.Id}/{image.Hash}/640.png",
                     $"/media/{image.Id}/{image.Hash}/original.jpg" })
        {
            using var response = await client.GetAsync(new Uri(missing, UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private async Task<(int Images, int Variants, int Blobs)> CountsAsync()
    {
        await using var db = await DbAsync(portal);
        return (await db.MediaImages.CountAsync(), await db.MediaVariants.CountAsync(), await db.MediaBlobs.CountAsync());
    }
}
