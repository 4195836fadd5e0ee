using SkiaSharp;

namespace ImmersiveLab.Ui.Tests.Support;

/// <summary>Real encoded images made with SkiaSharp, and hostile bytes that pretend to be images.</summary>
public static class TestImages
{
    public static byte[] Png(int width = 40, int height = 30, SKColor? color = null) => Encode(width, height, SKEncodedImageFormat.Png, color ?? SKColors.OrangeRed);
    public static byte[] Jpeg(int width = 40, int height = 30, SKColor? color = null) => Encode(width, height, SKEncodedImageFormat.Jpeg, color ?? SKColors.SteelBlue);
    public static byte[] WebP(int width = 40, int height = 30) => Encode(width, height, SKEncodedImageFormat.Webp, SKColors.SeaGreen);

    /// <summary>A minimal valid 1×1 GIF89a.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>A 2×2 24-bit BMP.</summary>
    public static byte[] Bmp()
    {
        var pixels = new byte[] { 0, 0, 255, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0 }; // 2 rows × (2 px × 3 bytes + 2 pad)
        var header = new byte[54];
        void I32(int at, int v) => BitConverter.GetBytes(v).CopyTo(header, at);
        header[0] = (byte)'B'; header[1] = (byte)'M';
        I32(2, 54 + pixels.Length); I32(10, 54); I32(14, 40); I32(18, 2); I32(22, 2);
        header[26] = 1; header[28] = 24; I32(34, pixels.Length);
        return [.. header, .. pixels];
    }

    /// <summary>An SVG document carrying a script: what a "cat.png" upload may really be.</summary>
    public static byte[] SvgWithScript() => "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray();

    public static byte[] Html() => "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"u8.ToArray();

    /// <summary>A PNG cut inside its IHDR header: the magic bytes say PNG, but there is no readable image.</summary>
    public static byte[] TruncatedPng() => Png(64, 64)[..20];

    /// <summary>A PNG header declaring 100 000 × 100 000 pixels (a decompression bomb's header), with no real data.</summary>
    public static byte[] PixelBombPng()
    {
        var png = Png(8, 8);
        var bomb = png.ToArray();
        // IHDR width/height at offsets 16..23 (big endian); fix the chunk CRC so only the size is wrong.
        WriteBigEndian(bomb, 16, 100_000);
        WriteBigEndian(bomb, 20, 100_000);
        var crc = Crc32(bomb.AsSpan(12, 17));
        WriteBigEndian(bomb, 29, unchecked((int)crc));
        return bomb;
    }

    public static SKBitmap Decode(byte[] bytes) => SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("not decodable");

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static void WriteBigEndian(byte[] b, int at, int v)
    {
        b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
