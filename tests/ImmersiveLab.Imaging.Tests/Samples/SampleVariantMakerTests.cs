using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Samples;

/// <summary>The edited copies the near-duplicate lab searches for: deterministic JPEGs, each with its one edit.</summary>
public class SampleVariantMakerTests
{
    private static readonly SampleImage Dahlia = SampleImageCatalog.Load(TestPaths.SampleImages).First(i => i.FileName == "dahlia.jpg");

    /// <summary>A 64×48 picture whose left half is red and right half blue: a flip or a darkening shows in the pixels.</summary>
    private static byte[] TwoHalves()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(64, 48, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (var x = 0; x < 64; x++)
            for (var y = 0; y < 48; y++)
                bitmap.SetPixel(x, y, x < 32 ? new SKColor(220, 30, 30) : new SKColor(30, 30, 220));
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKColor PixelOf(byte[] jpeg, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        return bitmap.GetPixel(x, y);
    }

    [Fact]
    public void Every_kind_gives_the_same_bytes_twice_and_a_jpeg()
    {
        foreach (var kind in Enum.GetValues<SampleVariantKind>())
        {
            var first = SampleVariantMaker.Make(Dahlia.Bytes, kind);
            var second = SampleVariantMaker.Make(Dahlia.Bytes, kind);
            Assert.Equal(first.Bytes, second.Bytes);
            Assert.Equal(ImageFormat.Jpeg, ImageSniffer.Sniff(first.Bytes));
            Assert.NotEqual(Dahlia.Bytes, first.Bytes);
        }
    }

    [Fact]
    public void All_kinds_from_one_decode_are_the_copies_made_one_at_a_time()
    {
        var all = SampleVariantMaker.MakeAll(Dahlia.Bytes);
        Assert.Equal(Enum.GetValues<SampleVariantKind>(), all.Select(v => v.Kind));
        foreach (var variant in all)
            Assert.Equal(SampleVariantMaker.Make(Dahlia.Bytes, variant.Kind).Bytes, variant.Bytes);
    }

    [Fact]
    public void Sizes_follow_the_kind_resized_to_a_thumbnail_cropped_by_the_margin_others_unchanged()
    {
        var resized = SampleVariantMaker.Make(Dahlia.Bytes, SampleVariantKind.Resized);
        var cropped = SampleVariantMaker.Make(Dahlia.Bytes, SampleVariantKind.Cropped);
        var mirrored = SampleVariantMaker.Make(Dahlia.Bytes, SampleVariantKind.Mirrored);

        Assert.Equal(SampleVariantMaker.ThumbnailLongSide, Math.Max(resized.Width, resized.Height));
        Assert.Equal(Dahlia.Width - 2 * (int)Math.Round(Dahlia.Width * SampleVariantMaker.CropMargin), cropped.Width);
        Assert.Equal(Dahlia.Height - 2 * (int)Math.Round(Dahlia.Height * SampleVariantMaker.CropMargin), cropped.Height);
        Assert.Equal((Dahlia.Width, Dahlia.Height), (mirrored.Width, mirrored.Height));
        using var decoded = SKBitmap.Decode(resized.Bytes);
        Assert.Equal((resized.Width, resized.Height), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void The_recompressed_copy_is_much_smaller_than_a_normal_quality_copy()
    {
        var recompressed = SampleVariantMaker.Make(Dahlia.Bytes, SampleVariantKind.Recompressed);
        var mirrored = SampleVariantMaker.Make(Dahlia.Bytes, SampleVariantKind.Mirrored);
        Assert.True(recompressed.Bytes.Length * 3 < mirrored.Bytes.Length, $"{recompressed.Bytes.Length} vs {mirrored.Bytes.Length}");
    }

    [Fact]
    public void Mirroring_swaps_left_and_right()
    {
        var mirrored = SampleVariantMaker.Make(TwoHalves(), SampleVariantKind.Mirrored).Bytes;
        var left = PixelOf(mirrored, 4, 24);
        var right = PixelOf(mirrored, 59, 24);
        Assert.True(left.Blue > 150 && left.Red < 90, $"left {left}");
        Assert.True(right.Red > 150 && right.Blue < 90, $"right {right}");
    }

    [Fact]
    public void Darkening_scales_every_channel_by_the_factor()
    {
        var darkened = SampleVariantMaker.Make(TwoHalves(), SampleVariantKind.Darkened).Bytes;
        var red = PixelOf(darkened, 8, 24);
        Assert.InRange(red.Red, 220 * SampleVariantMaker.DarkeningFactor - 6, 220 * SampleVariantMaker.DarkeningFactor + 6);
        Assert.InRange(red.Green, 30 * SampleVariantMaker.DarkeningFactor - 6, 30 * SampleVariantMaker.DarkeningFactor + 6);
    }

    [Fact]
    public void The_watermark_lightens_the_lower_right_corner_only()
    {
        var source = TwoHalves();
        var marked = SampleVariantMaker.Make(source, SampleVariantKind.Watermarked).Bytes;
        var plain = SampleVariantMaker.Make(source, SampleVariantKind.Recompressed).Bytes;
        var corner = PixelOf(marked, 60, 44);
        var topLeft = PixelOf(marked, 4, 4);
        Assert.True(corner.Red > 100 && corner.Green > 100, $"the stamp's plate is whitish: {corner}");
        Assert.True(topLeft.Red > 150 && topLeft.Green < 90, $"the rest is untouched: {topLeft}");
        Assert.NotEqual(plain, marked);
    }
}
