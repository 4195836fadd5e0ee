using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Imgsmlr;

/// <summary>libgd decoding rules that SkiaSharp does not follow by itself.</summary>
public class LibGdDecoderTests
{
    private static readonly SKColor[] Palette = [SKColors.Red, SKColors.Blue, new SKColor(10, 200, 30), SKColors.White];

    private static (byte R, byte G, byte B, byte A) Pixel(GdImage image, int x, int y)
    {
        var o = image.Offset(x, y);
        return (image.Rgba7[o], image.Rgba7[o + 1], image.Rgba7[o + 2], image.Rgba7[o + 3]);
    }

    [Fact]
    public void Animated_gif_uses_the_first_frame()
    {
        var gif = TestImages.Gif(2, 2, Palette,
            new TestImages.GifFrame(0, 0, 2, 2, [0, 0, 0, 0]),
            new TestImages.GifFrame(0, 0, 2, 2, [1, 1, 1, 1]));

        var decoded = LibGdDecoder.Decode(gif);

        Assert.Equal((255, 0, 0, 0), Pixel(decoded.Image, 1, 1));
        Assert.Contains(decoded.Notes, n => n.Contains("first frame"));
    }

    [Fact]
    public void Gif_first_frame_keeps_its_own_size_and_offset_is_ignored()
    {
        var indices = new byte[12];
        indices[0] = 2; // top-left of the frame is green
        var gif = TestImages.Gif(10, 10, Palette, new TestImages.GifFrame(3, 4, 4, 3, indices));

        var decoded = LibGdDecoder.Decode(gif).Image;

        Assert.Equal((4, 3), (decoded.Width, decoded.Height));
        Assert.Equal((10, 200, 30, 0), Pixel(decoded, 0, 0));
        Assert.Equal((255, 0, 0, 0), Pixel(decoded, 3, 2));
    }

    [Fact]
    public void Gif_transparent_index_is_fully_transparent()
    {
        var gif = TestImages.Gif(2, 1, Palette, new TestImages.GifFrame(0, 0, 2, 1, [1, 3], TransparentIndex: 3));

        var decoded = LibGdDecoder.Decode(gif).Image;

        Assert.Equal((0, 0, 255, 0), Pixel(decoded, 0, 0));
        Assert.Equal(127, Pixel(decoded, 1, 0).A);
    }

    [Fact]
    public void Rgb_png_colour_key_is_ignored_as_libgd_does()
    {
        var png = TestImages.RgbPng(4, 4, SKColors.Red, SKColors.Blue);
        Assert.Equal(PngColorType.Rgb, PngHeader.TryRead(png)!.ColorType);
        var withKey = TestImages.InsertPngChunkAfterHeader(png, "tRNS", [0, 255, 0, 0, 0, 0]); // key = red

        var decoded = LibGdDecoder.Decode(withKey);

        Assert.Equal((255, 0, 0, 0), Pixel(decoded.Image, 0, 0));
        Assert.Contains(decoded.Notes, n => n.Contains("tRNS"));
    }

    [Fact]
    public void Png_alpha_becomes_seven_bit_libgd_alpha()
    {
        var png = TestImages.Png(4, 1, new SKColor(200, 100, 50, 255), new SKColor(200, 100, 50, 100));

        var decoded = LibGdDecoder.Decode(png).Image;

        Assert.Equal(0, Pixel(decoded, 0, 0).A);
        Assert.Equal(127 - (100 >> 1), Pixel(decoded, 3, 0).A);
        Assert.Equal((200, 100, 50), (Pixel(decoded, 3, 0).R, Pixel(decoded, 3, 0).G, Pixel(decoded, 3, 0).B));
    }

    [Fact]
    public void Exif_orientation_is_ignored()
    {
        var jpeg = TestImages.WithExifOrientation(TestImages.Jpeg(40, 20, SKColors.Red, SKColors.Blue), 6);

        var decoded = LibGdDecoder.Decode(jpeg);

        Assert.Equal((40, 20), (decoded.Image.Width, decoded.Image.Height));
        Assert.True(Pixel(decoded.Image, 2, 10).R > 200);
        Assert.Contains(decoded.Notes, n => n.Contains("orientation"));
    }

    [Fact]
    public void Adobe_cmyk_jpeg_decodes_as_inverted_inks()
    {
        var jpeg = TestImages.CmykJpeg([200, 100, 50, 255], adobeMarker: true);

        var decoded = LibGdDecoder.Decode(jpeg).Image;

        // libgd: R = C·K div 255 with the stored (inverted) samples; Skia rounds, so allow 1.
        var (r, g, b, a) = Pixel(decoded, 4, 4);
        Assert.InRange(r, 199, 200);
        Assert.InRange(g, 99, 100);
        Assert.InRange(b, 49, 50);
        Assert.Equal(0, a);
    }

    [Fact]
    public void Cmyk_jpeg_without_adobe_marker_is_decoded_with_a_note()
    {
        var decoded = LibGdDecoder.Decode(TestImages.CmykJpeg([200, 100, 50, 255], adobeMarker: false));

        Assert.Contains(decoded.Notes, n => n.Contains("without an Adobe marker"));
    }

    [Fact]
    public void Truncated_jpeg_still_gives_a_pattern_with_the_missing_part_grey()
    {
        using var noise = TestImages.Noise(64, 256);
        var jpeg = TestImages.Encode(noise, SKEncodedImageFormat.Jpeg, 100);

        var decoded = LibGdDecoder.Decode(jpeg[..(jpeg.Length / 2)]);

        Assert.NotEqual((128, 128, 128, 0), Pixel(decoded.Image, 10, 2));
        Assert.Equal((128, 128, 128, 0), Pixel(decoded.Image, 10, 250));
        Assert.Contains(decoded.Notes, n => n.Contains("truncated"));
        Assert.False(float.IsNaN(ImgsmlrPipeline.Analyse(decoded.Image, decoded.Format).Signature.Values[0]));
    }

    [Fact]
    public void One_pixel_image_gives_NaN_with_an_explanation()
    {
        var analysis = ImgsmlrPipeline.Analyse(TestImages.Png(1, 1, SKColors.Red, SKColors.Red));

        Assert.True(float.IsNaN(analysis.Signature.Values[15]));
        Assert.Contains(analysis.Notes, n => n.Contains("NaN"));
    }

    [Fact]
    public void Non_image_bytes_are_rejected_not_crashed_on()
    {
        var error = Assert.Throws<ImageRejectedException>(() => LibGdDecoder.Decode("<svg/>"u8.ToArray()));

        Assert.Equal(ImageRejectionReason.UnsupportedFormat, error.Reason);
    }
}
