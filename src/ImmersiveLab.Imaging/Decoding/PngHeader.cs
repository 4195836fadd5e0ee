using System.Buffers.Binary;

namespace ImmersiveLab.Imaging;

/// <summary>
/// What libgd's PNG rules need from a PNG besides the pixels: the IHDR fields and whether a tRNS chunk
/// comes before the image data.
/// </summary>
public sealed record PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced, bool HasTransparencyChunk)
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Returns null when the bytes do not start with a complete PNG signature and IHDR chunk.</summary>
    public static PngHeader? TryRead(ReadOnlySpan<byte> data)
    {
        if (data.Length < 33 || !data[..8].SequenceEqual(Signature) || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
            return null;
        var width = BinaryPrimitives.ReadInt32BigEndian(data.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(data.Slice(20, 4));
        int bitDepth = data[24];
        var colorType = (PngColorType)data[25];
        var interlaced = data[28] == 1;

        var hasTrns = false;
        var pos = 8;
        while (pos + 8 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(pos, 4));
            var type = data.Slice(pos + 4, 4);
            if (type.SequenceEqual("tRNS"u8)) { hasTrns = true; break; }
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8) || length > int.MaxValue - 12) break;
            pos += (int)length + 12;
        }
        return new PngHeader(width, height, bitDepth, colorType, interlaced, hasTrns);
    }
}

public enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}
