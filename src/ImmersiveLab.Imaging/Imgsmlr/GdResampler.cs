namespace ImmersiveLab.Imaging;

/// <summary>
/// libgd 2.3.3's <c>gdImageCopyResampled</c> (an area-weighted box filter, aspect ratio not kept) into a
/// new true-colour image that starts as opaque black with alpha blending on, as imgsmlr calls it.
/// Every operation is float32 in libgd's order so the result is bit-exact.
/// </summary>
public static class GdResampler
{
    public static GdImage ResampleOntoBlack(GdImage src, int dstWidth = ImgsmlrPattern.Size, int dstHeight = ImgsmlrPattern.Size)
    {
        var dst = GdImage.Create(dstWidth, dstHeight);
        var s = src.Rgba7;
        for (var y = 0; y < dstHeight; y++)
        {
            var sy1 = (float)y * (float)src.Height / (float)dstHeight;
            var sy2 = (float)(y + 1) * (float)src.Height / (float)dstHeight;
            for (var x = 0; x < dstWidth; x++)
            {
                var sx1 = (float)x * (float)src.Width / (float)dstWidth;
                var sx2 = (float)(x + 1) * (float)src.Width / (float)dstWidth;
                float red = 0, green = 0, blue = 0, alpha = 0, alphaSum = 0, contribSum = 0, spixels = 0;
                var sy = sy1;
                do
                {
                    float yPortion;
                    if (MathF.Floor(sy) == MathF.Floor(sy1))
                    {
                        yPortion = 1f - (sy - MathF.Floor(sy));
                        if (yPortion > sy2 - sy1) yPortion = sy2 - sy1;
                        sy = MathF.Floor(sy);
                    }
                    else if (sy == MathF.Floor(sy2))
                        yPortion = sy2 - MathF.Floor(sy2);
                    else
                        yPortion = 1f;

                    var sx = sx1;
                    do
                    {
                        float xPortion;
                        if (MathF.Floor(sx) == MathF.Floor(sx1))
                        {
                            xPortion = 1f - (sx - MathF.Floor(sx));
                            if (xPortion > sx2 - sx1) xPortion = sx2 - sx1;
                            sx = MathF.Floor(sx);
                        }
                        else if (sx == MathF.Floor(sx2))
                            xPortion = sx2 - MathF.Floor(sx2);
                        else
                            xPortion = 1f;

                        var contribution = xPortion * yPortion;
                        var o = src.Offset((int)sx, (int)sy);
                        int a = s[o + 3];
                        var alphaFactor = (GdImage.MaxAlpha - a) * contribution;
                        red += s[o] * alphaFactor;
                        green += s[o + 1] * alphaFactor;
                        blue += s[o + 2] * alphaFactor;
                        alpha += a * contribution;
                        alphaSum += alphaFactor;
                        contribSum += contribution;
                        spixels += xPortion * yPortion;
                        sx += 1f;
                    } while (sx < sx2);
                    sy += 1f;
                } while (sy < sy2);

                if (spixels != 0f)
                {
                    red /= spixels; green /= spixels; blue /= spixels; alpha /= spixels;
                }
                if (alphaSum != 0f)
                {
                    if (contribSum != 0f) alphaSum /= contribSum;
                    red /= alphaSum; green /= alphaSum; blue /= alphaSum;
                }
                BlendOntoBlack(dst, x, y, Round(red, 255), Round(green, 255), Round(blue, 255), Round(alpha, GdImage.MaxAlpha));
            }
        }
        return dst;
    }

    // libgd writes `c >= 255.5 ? 255 : c + 0.5` with a double literal: the +0.5 happens in double.
    private static int Round(float c, int max) => c >= max + 0.5 ? max : (int)(c + 0.5);

    // gdAlphaBlend onto an opaque black pixel: opaque stays, transparent leaves black, otherwise darkens.
    private static void BlendOntoBlack(GdImage dst, int x, int y, int r, int g, int b, int a)
    {
        var o = dst.Offset(x, y);
        if (a == GdImage.MaxAlpha) return;
        if (a != 0)
        {
            r = r * (GdImage.MaxAlpha - a) / GdImage.MaxAlpha;
            g = g * (GdImage.MaxAlpha - a) / GdImage.MaxAlpha;
            b = b * (GdImage.MaxAlpha - a) / GdImage.MaxAlpha;
        }
        dst.Rgba7[o] = (byte)r;
        dst.Rgba7[o + 1] = (byte)g;
        dst.Rgba7[o + 2] = (byte)b;
    }
}
