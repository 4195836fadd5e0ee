using System.Text;

namespace ImmersiveLab.Imaging;

/// <summary>Recognises an image format from its magic bytes, never from a file name or a declared content type.</summary>
public static class ImageSniffer
{
    public static ImageFormat? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return ImageFormat.Jpeg;
        if (data.Length >= 8 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ImageFormat.Png;
        if (data.Length >= 6 && (data[..6].SequenceEqual("GIF87a"u8) || data[..6].SequenceEqual("GIF89a"u8))) return ImageFormat.Gif;
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        if (data.Length >= 14 && data[0] == (byte)'B' && data[1] == (byte)'M') return ImageFormat.Bmp;
        return null;
    }

    /// <summary>A learner-readable refusal for bytes that are not a supported image, naming what they look like.</summary>
    public static string DescribeUnsupported(ReadOnlySpan<byte> data)
    {
        const string accepted = "Accepted formats: JPEG, PNG, GIF, WebP and BMP.";
        if (data.IsEmpty) return "The file is empty (0 bytes).";
        var head = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (head.StartsWith("<svg", StringComparison.Ordinal) || (head.StartsWith("<?xml", StringComparison.Ordinal) && head.Contains("<svg")))
            return "SVG images are not accepted: they are XML documents that can carry scripts, and not raster images. " + accepted;
        if (head.StartsWith("<!doctype html", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal) || head.StartsWith('<'))
            return "This file is an HTML or XML document, not an image. " + accepted;
        if (head.StartsWith("%pdf", StringComparison.Ordinal)) return "This file is a PDF document, not an image. " + accepted;
        return "This file is not a recognised image (its first bytes match no supported format). " + accepted;
    }
}
