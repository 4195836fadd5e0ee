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
