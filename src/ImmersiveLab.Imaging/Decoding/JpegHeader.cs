namespace ImmersiveLab.Imaging;

/// <summary>The JPEG markers libjpeg's colour handling depends on: the component count and an Adobe APP14 marker.</summary>
public sealed record JpegHeader(int Width, int Height, int Components, bool HasAdobeMarker)
{
    public bool IsCmyk => Components == 4;

    public static JpegHeader? TryRead(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) return null;
        // libjpeg reads every marker up to the first scan, so an APP14 after the frame header still counts.
        var adobe = false;
        (int Width, int Height, int Components)? frame = null;
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF) break;
            var marker = data[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker == 0xDA) break;
            var length = (data[pos + 2] << 8) | data[pos + 3];
            if (marker == 0xEE && pos + 9 <= data.Length && data.Slice(pos + 4, 5).SequenceEqual("Adobe"u8))
                adobe = true;
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame && pos + 10 <= data.Length)
                frame = ((data[pos + 7] << 8) | data[pos + 8], (data[pos + 5] << 8) | data[pos + 6], data[pos + 9]);
            pos += 2 + length;
        }
        return frame is { } f ? new JpegHeader(f.Width, f.Height, f.Components, adobe) : null;
    }
}
