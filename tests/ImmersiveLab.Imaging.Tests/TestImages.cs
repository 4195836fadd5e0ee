using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests;

/// <summary>Builds test images, including hostile ones, byte by byte where SkiaSharp cannot write them.</summary>
public static class TestImages
{
    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 90)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A left/right split image: left half <paramref name="left"/>, right half <paramref name="right"/>.</summary>
    public static SKBitmap Split(int width, int height, SKColor left, SKColor right, SKAlphaType alphaType = SKAlphaType.Unpremul)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, alphaType));
        bitmap.Erase(right);
        if (width / 2 > 0) bitmap.Erase(left, new SKRectI(0, 0, width / 2, height));
        return bitmap;
    }

    public static byte[] Png(int width, int height, SKColor left, SKColor right) => Encode(Split(width, height, left, right), SKEncodedImageFormat.Png);

    /// <summary>A colour-type-2 PNG (no alpha channel).</summary>
    public static byte[] RgbPng(int width, int height, SKColor left, SKColor right) =>
        Encode(Split(width, height, left, right, SKAlphaType.Opaque), SKEncodedImageFormat.Png);

    /// <summary>Random pixels: compresses badly, so a JPEG of it has a long scan to cut.</summary>
    public static SKBitmap Noise(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        return bitmap;
    }

    public static byte[] Jpeg(int width, int height, SKColor left, SKColor right, int quality = 90) =>
        Encode(Split(width, height, left, right, SKAlphaType.Opaque), SKEncodedImageFormat.Jpeg, quality);

    /// <summary>A structurally valid PNG (correct CRCs, one tiny IDAT) whose IHDR claims the given size.</summary>
    public static byte[] PngClaiming(int width, int height, byte colorType = 2, byte bitDepth = 8)
    {
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        WriteChunk(ms, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var zlib = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(new byte[1024]);
            WriteChunk(ms, "IDAT", z.ToArray());
        }
        WriteChunk(ms, "IEND", []);
        return ms.ToArray();
    }

    /// <summary>Inserts a PNG chunk right after IHDR (e.g. a tRNS).</summary>
    public static byte[] InsertPngChunkAfterHeader(byte[] png, string type, byte[] data)
    {
        using var ms = new MemoryStream();
        ms.Write(png, 0, 33);
        WriteChunk(ms, type, data);
        ms.Write(png, 33, png.Length - 33);
        return ms.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        s.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeAndData));
        s.Write(length);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>One GIF frame: its rectangle on the screen, one palette index per pixel, an optional transparent index.</summary>
    public sealed record GifFrame(int Left, int Top, int Width, int Height, byte[] Indices, int? TransparentIndex = null);

    /// <summary>A GIF with a 4-colour global palette. The LZW stream resets often enough that codes stay 3 bits wide.</summary>
    public static byte[] Gif(int screenWidth, int screenHeight, SKColor[] palette, params GifFrame[] frames)
    {
        using var ms = new MemoryStream();
        ms.Write("GIF89a"u8);
        WriteUInt16(ms, screenWidth);
        WriteUInt16(ms, screenHeight);
        ms.Write([0x81, 0, 0]); // global colour table of 4 entries
        for (var k = 0; k < 4; k++)
        {
            var c = k < palette.Length ? palette[k] : SKColors.Black;
            ms.Write([c.Red, c.Green, c.Blue]);
        }
        if (frames.Length > 1) ms.Write([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]);
        foreach (var frame in frames)
        {
            ms.Write([0x21, 0xF9, 4, (byte)(frame.TransparentIndex is null ? 0 : 1), 10, 0, (byte)(frame.TransparentIndex ?? 0), 0]);
            ms.WriteByte(0x2C);
            WriteUInt16(ms, frame.Left);
            WriteUInt16(ms, frame.Top);
            WriteUInt16(ms, frame.Width);
            WriteUInt16(ms, frame.Height);
            ms.WriteByte(0);
            ms.WriteByte(2); // LZW minimum code size
            var lzw = UncompressedLzw(frame.Indices);
            for (var pos = 0; pos < lzw.Length; pos += 255)
            {
                var n = Math.Min(255, lzw.Length - pos);
                ms.WriteByte((byte)n);
                ms.Write(lzw, pos, n);
            }
            ms.WriteByte(0);
        }
        ms.WriteByte(0x3B);
        return ms.ToArray();
    }

    private static byte[] UncompressedLzw(byte[] indices)
    {
        const int clear = 4, end = 5;
        var codes = new List<int>();
        for (var k = 0; k < indices.Length; k++)
        {
            if (k % 2 == 0) codes.Add(clear); // before the table grows to 8 entries
            codes.Add(indices[k]);
        }
        codes.Add(end);
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var code in codes)
        {
            buffer |= code << bits;
            bits += 3;
            while (bits >= 8) { bytes.Add((byte)buffer); buffer >>= 8; bits -= 8; }
        }
        if (bits > 0) bytes.Add((byte)buffer);
        return [.. bytes];
    }

    private static void WriteUInt16(Stream s, int v) { s.WriteByte((byte)v); s.WriteByte((byte)(v >> 8)); }

    /// <summary>Inserts an EXIF APP1 segment with the given orientation right after SOI.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        // "Exif\0\0" + little-endian TIFF header + IFD0 with one entry (0x0112 SHORT 1 = orientation).
        byte[] tiff = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, (byte)(orientation >> 8), 0, 0, 0, 0, 0, 0];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var length = payload.Length + 2;
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg.AsSpan(2)];
    }

    /// <summary>Patches the frame size in a JPEG's SOF marker.</summary>
    public static byte[] JpegClaiming(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var pos = 2; pos + 9 < copy.Length;)
        {
            var marker = copy[pos + 1];
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                copy[pos + 5] = (byte)(height >> 8); copy[pos + 6] = (byte)height;
                copy[pos + 7] = (byte)(width >> 8); copy[pos + 8] = (byte)width;
                return copy;
            }
            pos += 2 + ((copy[pos + 2] << 8) | copy[pos + 3]);
        }
        throw new InvalidOperationException("No SOF marker");
    }

    /// <summary>
    /// A baseline 8×8 CMYK JPEG of one flat colour, written by hand (SkiaSharp cannot encode CMYK): quantisation
    /// all ones, every block a DC value and an end-of-block. <paramref name="cmyk"/> are the stored samples.
    /// </summary>
    public static byte[] CmykJpeg(byte[] cmyk, bool adobeMarker)
    {
        using var ms = new MemoryStream();
        ms.Write([0xFF, 0xD8]);
        if (adobeMarker) ms.Write([0xFF, 0xEE, 0, 14, .. "Adobe"u8, 0, 100, 0, 0, 0, 0, 0]); // transform 0: no YCCK
        ms.Write([0xFF, 0xDB, 0, 67, 0, .. Enumerable.Repeat((byte)1, 64)]);
        ms.Write([0xFF, 0xC0, 0, 20, 8, 0, 8, 0, 8, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        // DC table: every category k (0..11) gets a 4-bit code k; AC table: only EOB, a 1-bit code.
        ms.Write([0xFF, 0xC4, 0, 31, 0x00, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        ms.Write([0xFF, 0xC4, 0, 20, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        ms.Write([0xFF, 0xDA, 0, 14, 4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0]);
        var bits = new List<int>();
        foreach (var sample in cmyk)
        {
            var dc = 8 * (sample - 128); // DCT of a flat block with a quantiser of 1
            var magnitude = Math.Abs(dc);
            var category = magnitude == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)magnitude);
            for (var b = 3; b >= 0; b--) bits.Add((category >> b) & 1);
            var extra = dc >= 0 ? dc : dc + (1 << category) - 1;
            for (var b = category - 1; b >= 0; b--) bits.Add((extra >> b) & 1);
            bits.Add(0); // EOB
        }
        while (bits.Count % 8 != 0) bits.Add(1);
        for (var k = 0; k < bits.Count; k += 8)
        {
            var b = 0;
            for (var j = 0; j < 8; j++) b = (b << 1) | bits[k + j];
            ms.WriteByte((byte)b);
            if (b == 0xFF) ms.WriteByte(0);
        }
        ms.Write([0xFF, 0xD9]);
        return ms.ToArray();
    }
}
