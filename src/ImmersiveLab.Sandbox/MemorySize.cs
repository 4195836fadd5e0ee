using System.Globalization;
using System.Text.RegularExpressions;

namespace ImmersiveLab.Sandbox;

/// <summary>Sizes written as PostgreSQL writes them ("64MB", "1GB", "512kB", or plain bytes).</summary>
public static partial class MemorySize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        var unit = m.Groups[2].Value switch { "kB" => 1L << 10, "MB" => 1L << 20, "GB" => 1L << 30, "TB" => 1L << 40, _ => 1L };
        if (n > long.MaxValue / unit) return false;
        bytes = n * unit;
        return true;
    }

    public static long Parse(string text, string setting) =>
        TryParse(text, out var bytes) ? bytes : throw new InvalidOperationException($"{setting} '{text}' is not a size like 64MB or 1GB.");

    /// <summary>"256 MB" style, for messages.</summary>
    public static string Describe(long bytes)
    {
        var mb = bytes / (double)(1L << 20);
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30} GB");
        if (bytes >= 10L << 20) return string.Create(CultureInfo.InvariantCulture, $"{mb:0} MB");
        if (bytes >= 1L << 20) return string.Create(CultureInfo.InvariantCulture, $"{mb:0.#} MB");
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} kB");
    }

    [GeneratedRegex(@"^(\d+) ?(kB|MB|GB|TB)?$")]
    private static partial Regex Pattern();
}
