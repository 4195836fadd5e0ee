using System.Buffers.Binary;

namespace ImmersiveLab.Imaging;

/// <summary>
/// The GIF structure libgd's reader depends on: the logical screen, and for the first image its own
/// descriptor rectangle and the graphic-control transparent index. Also counts the frames.
/// </summary>
public sealed record GifHeader(int ScreenWidth, int ScreenHeight, int FrameLeft, int FrameTop, int FrameWidth, int FrameHeight, int? TransparentIndex, int FrameCount)
{
    /// <summary>Returns null when no complete first image descriptor can be found.</summary>
    public static GifHeader? TryRead(ReadOnlySpan<byte> data)
    {
        if (data.Length < 13 || !(data[..6].SequenceEqual("GIF87a"u8) || data[..6].SequenceEqual("GIF89a"u8)))
            return null;
        int screenWidth = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(6, 2));
        int screenHeight = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(8, 2));
        var pos = 13 + ColorTableSize(data[10]);

        int? pendingTransparent = null;
        (int Left, int Top, int Width, int Height, int? Transparent)? first = null;
        var frames = 0;
        while (pos < data.Length)
        {
            switch (data[pos])
            {
                case 0x21: // extension
                    if (pos + 2 > data.Length) return Result();
                    var label = data[pos + 1];
                    var blockStart = pos + 2;
                    if (label == 0xF9 && blockStart + 5 <= data.Length && data[blockStart] == 4)
                        pendingTransparent = (data[blockStart + 1] & 1) != 0 ? data[blockStart + 4] : null;
                    pos = SkipSubBlocks(data, blockStart);
                    break;
                case 0x2C: // image descriptor
                    if (pos + 10 > data.Length) return Result();
                    frames++;
                    first ??= (BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(pos + 1, 2)),
                               BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(pos + 3, 2)),
                               BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(pos + 5, 2)),
                               BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(pos + 7, 2)),
                               pendingTransparent);
                    pendingTransparent = null;
                    pos += 10 + ColorTableSize(data[pos + 9]);
                    pos = SkipSubBlocks(data, pos + 1); // +1: the LZW minimum code size byte
                    break;
                default: // 0x3B trailer or garbage
                    return Result();
            }
        }
        return Result();

        GifHeader? Result() => first is { } f
            ? new GifHeader(screenWidth, screenHeight, f.Left, f.Top, f.Width, f.Height, f.Transparent, frames)
            : null;
    }

    private static int ColorTableSize(byte packed) => (packed & 0x80) != 0 ? 3 * (2 << (packed & 7)) : 0;

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int pos)
    {
        while (pos < data.Length && data[pos] != 0) pos += data[pos] + 1;
        return pos + 1;
    }
}
