using ImmersiveLab.Imaging;

namespace ImmersiveLab.ImageSearch.Rendering;

/// <summary>
/// A small copy of a decoded picture for the "decoded pixels" step (longest side at most the preview size), so that a
/// prepared query keeps a few hundred kilobytes instead of 4 bytes for every pixel of the upload.
/// </summary>
public static class DecodedPreview
{
    /// <summary>Box-averages <paramref name="image"/> (colour weighted by opacity, alpha averaged) down to <paramref name="maxSide"/>; smaller images are returned as they are.</summary>
    public static GdImage Shrink(GdImage image, int maxSide)
    {
        var scale = (double)Math.Max(1, maxSide) / Math.Max(image.Width, image.Height);
        if (scale >= 1) return image;
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        var preview = GdImage.Create(width, height);
        var src = image.Rgba7;
        var dst = preview.Rgba7;
        for (var y = 0; y < height; y++)
        {
            var y0 = (int)((long)y * image.Height / height);
            var y1 = Math.Max(y0 + 1, (int)((long)(y + 1) * image.Height / height));
            for (var x = 0; x < width; x++)
            {
                var x0 = (int)((long)x * image.Width / width);
                var x1 = Math.Max(x0 + 1, (int)((long)(x + 1) * image.Width / width));
                long r = 0, g = 0, b = 0, opacity = 0, count = 0;
                for (var sy = y0; sy < y1; sy++)
                    for (var sx = x0; sx < x1; sx++)
                    {
                        var o = (sy * image.Width + sx) * 4;
                        var w = GdImage.MaxAlpha - src[o + 3] + 1; // weight by opacity (never 0, so a transparent area keeps a colour)
                        r += src[o] * w;
                        g += src[o + 1] * w;
                        b += src[o + 2] * w;
                        opacity += w;
                        count++;
                    }
                var d = (y * width + x) * 4;
                dst[d] = (byte)(r / opacity);
                dst[d + 1] = (byte)(g / opacity);
                dst[d + 2] = (byte)(b / opacity);
                dst[d + 3] = (byte)(GdImage.MaxAlpha + 1 - (opacity + count / 2) / count);
            }
        }
        return preview;
    }
}
