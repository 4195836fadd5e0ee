using System.Globalization;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>A short hex dump of bytes that are not shown as an image.</summary>
public static class HexPreview
{
    public static string Of(ReadOnlySpan<byte> bytes, int maxBytes = 16)
    {
        var shown = bytes[..Math.Min(bytes.Length, maxBytes)];
        var hex = string.Join(' ', shown.ToArray().Select(b => b.ToString("x2")));
        return bytes.Length > maxBytes ? hex + " …" : hex;
    }

    /// <summary>"12 bytes", "4.2 KB", "1.5 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        1 => "1 byte",
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
