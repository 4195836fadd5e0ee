using System.Buffers.Binary;
using SkiaSharp;

namespace ImmersiveLab.ImageSearch.Tests.Support;

/// <summary>Real encoded images made with SkiaSharp, and bytes that only pretend to be images.</summary>
public static class TestImages
{
    public static byte[] SolidPng(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// A real, decodable RGB PNG of <paramref name="width"/>×<paramref name="height"/> made without a bitmap: every row the
    /// same left-to-right gradient (rows after the first use PNG's "Up" filter: all zeros), so a 6300×6300 picture
    /// (160 MB decoded) is a file of about a hundred kilobytes, like the review's.
    /// </summary>
    public static byte[] LargeGradientPng(int width, int height)
    {
        var row = new byte[1 + 3 * width]; // filter 0, then RGB
        for (var x = 0; x < width; x++)
        {
            var v = (byte)(x * 255 / Math.Max(1, width - 1));
            (row[1 + 3 * x], row[2 + 3 * x], row[3 + 3 * x]) = (v, (byte)(255 - v), 128);
        }
        using var idat = new MemoryStream();
        var up = new byte[row.Length];
        up[0] = 2; // filter "Up": each byte minus the one above, 0 here
        using (var zlib = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++) zlib.Write(y == 0 ? row : up);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", idat.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    /// <summary>A PNG signature and IHDR declaring <paramref name="width"/>×<paramref name="height"/>, and nothing else.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        var chunk = new List<byte>();
        chunk.AddRange([0, 0, 0, 13]);
        chunk.AddRange("IHDR"u8.ToArray());
        chunk.AddRange(ihdr);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. "IHDR"u8.ToArray(), .. ihdr]));
        chunk.AddRange(crc);
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. chunk];
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
}
