using System.Buffers.Binary;
using System.Text;
using NetVips;

namespace SocialCareStories.Web.Tests.Features.Media;

/// <summary>Image files made on the spot with libvips, and hostile files made byte by byte.</summary>
public static class TestImages
{
    /// <summary>A phone photo: a JPEG with GPS coordinates, a camera's name and an orientation saying "turn me 90°".</summary>
    public static byte[] PhotoWithGps(int width = 1600, int height = 1000, int orientation = 1)
    {
        using var gradient = Image.Xyz(width, height);
        using var red = gradient.ExtractBand(0) * (255.0 / width);
        using var green = gradient.ExtractBand(1) * (255.0 / height);
        using var blue = red * 0 + 128;
        using var colour = red.Bandjoin(green, blue).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = colour.Mutate(m =>
        {
            m.Set(GValue.GStrType, "exif-ifd0-Make", "TestPhone");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "51/1 30/1 1234/100");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "W");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", "0/1 7/1 3900/100");
            m.Set(GValue.GIntType, "orientation", orientation);
        });
        return tagged.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.All);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = (Image.Black(width, height, bands: 3) + 90).Cast(Enums.BandFormat.Uchar);
        return image.PngsaveBuffer();
    }

    /// <summary>A PNG whose header claims 20,000 × 20,000 pixels (400 million) in a file of a few dozen bytes.</summary>
    public static byte[] PngBomb(int width = 20_000, int height = 20_000)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(file, "IHDR", header);
        // One scanline's worth of zlib data: a decoder that believed the header would allocate for all of it.
        Chunk(file, "IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    public static byte[] TruncatedJpeg()
    {
        var whole = PhotoWithGps(800, 600);
        return whole[..(whole.Length / 2)];
    }

    public static byte[] SvgWithScript() => Encoding.UTF8.GetBytes(
        """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script><rect width="100" height="100"/></svg>""");

    public static byte[] LinuxExecutable() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[200]];

    public static byte[] WindowsExecutable() => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, .. new byte[200]];

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        file.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>A stream that yields <paramref name="length"/> bytes of a JPEG-looking file without holding them.</summary>
    public sealed class EndlessUploadStream(long length) : Stream
    {
        private long _position;

        public long BytesRead => _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = _position + i < 3 ? (byte)0xFF : (byte)0x42;
            }

            if (_position == 0 && n >= 3)
            {
                buffer[offset + 1] = 0xD8;
            }

            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
