using System.Text;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Safety;

public class ImageValidatorTests
{
    private readonly ImageValidator _validator = new();

    private ImageRejectedException Rejected(byte[] bytes, ImageRejectionReason reason, ImageValidator? validator = null)
    {
        var error = Assert.Throws<ImageRejectedException>(() => (validator ?? _validator).Validate(bytes));
        Assert.Equal(reason, error.Reason);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        Assert.Contains("empty", Rejected([], ImageRejectionReason.Empty).Message);
    }

    [Fact]
    public void File_over_the_byte_limit_is_refused_before_anything_else()
    {
        var big = new byte[20 * 1024 * 1024 + 1];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;

        Assert.Contains("limit is 20 MB", Rejected(big, ImageRejectionReason.TooManyBytes).Message);
    }

    [Fact]
    public void Byte_limit_is_configurable()
    {
        var validator = new ImageValidator(Options.Create(new ImageValidationOptions { MaxBytes = 100 }));

        Rejected(TestImages.Png(64, 64, SKColors.Red, SKColors.Blue), ImageRejectionReason.TooManyBytes, validator);
    }

    [Fact]
    public async Task Reading_a_stream_stops_at_the_byte_limit()
    {
        var validator = new ImageValidator(Options.Create(new ImageValidationOptions { MaxBytes = 1000 }));

        var error = await Assert.ThrowsAsync<ImageRejectedException>(() => validator.ReadLimitedAsync(new MemoryStream(new byte[5000]), CancellationToken.None));
        Assert.Equal(ImageRejectionReason.TooManyBytes, error.Reason);
        Assert.Equal(999, (await validator.ReadLimitedAsync(new MemoryStream(new byte[999]), CancellationToken.None)).Length);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "SVG")]
    [InlineData("<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"10\"/>", "SVG")]
    [InlineData("<!DOCTYPE html><html><body>not an image</body></html>", "HTML")]
    [InlineData("%PDF-1.7 ...", "PDF")]
    [InlineData("just some text pretending to be a .jpg", "not a recognised image")]
    public void Non_images_are_refused_with_a_message_naming_what_they_are(string content, string expected)
    {
        var error = Rejected(Encoding.UTF8.GetBytes(content), ImageRejectionReason.UnsupportedFormat);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Png_cut_inside_its_header_is_refused()
    {
        var png = TestImages.Png(32, 32, SKColors.Red, SKColors.Blue);

        Rejected(png[..20], ImageRejectionReason.TruncatedOrCorrupt);
    }

    [Fact]
    public void Jpeg_cut_before_its_frame_header_is_refused()
    {
        var jpeg = TestImages.Jpeg(32, 32, SKColors.Red, SKColors.Blue);

        Rejected(jpeg[..6], ImageRejectionReason.TruncatedOrCorrupt);
    }

    [Fact]
    public void Gif_without_an_image_is_refused()
    {
        var gif = TestImages.Gif(4, 4, [SKColors.Red], new TestImages.GifFrame(0, 0, 4, 4, new byte[16]));

        Rejected(gif[..20], ImageRejectionReason.TruncatedOrCorrupt);
    }

    [Fact]
    public void Png_claiming_100000_by_100000_is_refused_as_a_decompression_bomb()
    {
        var error = Rejected(TestImages.PngClaiming(100_000, 100_000), ImageRejectionReason.TooManyPixels);

        Assert.Contains("100000×100000", error.Message);
        Assert.Contains("before decoding", error.Message);
    }

    [Fact]
    public void Png_just_over_a_configured_pixel_limit_is_refused_and_one_within_it_accepted()
    {
        var validator = new ImageValidator(Options.Create(new ImageValidationOptions { MaxPixels = 10_000 }));

        Rejected(TestImages.PngClaiming(101, 100), ImageRejectionReason.TooManyPixels, validator);
        Assert.Equal(100, validator.Validate(TestImages.PngClaiming(100, 100)).Width);
    }

    [Fact]
    public void An_upload_has_a_lower_pixel_limit_than_an_import()
    {
        var png = TestImages.PngClaiming(6300, 6300); // 39.7 megapixels

        Assert.Equal(6300, new ImageValidator().Validate(png).Width); // under the 40 MP of imports
        var error = Assert.Throws<ImageRejectedException>(() => new ImageValidator().ValidateUpload(png));
        Assert.Equal(ImageRejectionReason.TooManyPixels, error.Reason);
        Assert.Equal(6300L * 6300, error.Value);
        Assert.Equal(24_000_000, error.Limit);
        Assert.Contains("uploads may have up to 24 megapixels", error.Message);

        // Never above the limit for every image.
        var strict = new ImageValidator(Options.Create(new ImageValidationOptions { MaxPixels = 10_000 }));
        Assert.Equal(10_000, Assert.Throws<ImageRejectedException>(() => strict.ValidateUpload(TestImages.PngClaiming(101, 100))).Limit);
    }

    [Fact]
    public void Jpeg_claiming_65000_by_65000_is_refused()
    {
        var jpeg = TestImages.JpegClaiming(TestImages.Jpeg(16, 16, SKColors.Red, SKColors.Blue), 65000, 65000);

        Rejected(jpeg, ImageRejectionReason.TooManyPixels);
    }

    [Fact]
    public void Gif_whose_first_frame_is_huge_is_refused()
    {
        var gif = TestImages.Gif(4, 4, [SKColors.Red], new TestImages.GifFrame(0, 0, 60000, 60000, new byte[16]));

        Rejected(gif, ImageRejectionReason.TooManyPixels);
    }

    [Fact]
    public void Png_claiming_zero_width_is_refused()
    {
        Rejected(TestImages.PngClaiming(0, 10), ImageRejectionReason.InvalidDimensions);
    }

    [Fact]
    public void Animated_gif_is_accepted_and_reports_its_frames()
    {
        var gif = TestImages.Gif(2, 2, [SKColors.Red, SKColors.Blue],
            new TestImages.GifFrame(0, 0, 2, 2, [0, 0, 0, 0]),
            new TestImages.GifFrame(0, 0, 2, 2, [1, 1, 1, 1]));

        var info = _validator.Validate(gif);

        Assert.Equal(ImageFormat.Gif, info.Format);
        Assert.Equal(2, info.FrameCount);
        Assert.True(info.IsAnimated);
    }

    [Theory]
    [InlineData("02_gradient_rgb.png")]     // 16-bit
    [InlineData("15_alpha.png")]            // RGBA
    [InlineData("03_checker16_1bit.png")]   // 1-bit grey
    [InlineData("08_logo_palette.png")]
    [InlineData("11_flower.jpg")]
    [InlineData("17_logo_transparent.gif")]
    public void Ordinary_images_pass(string file)
    {
        var bytes = Imgsmlr.ImgsmlrReference.OriginalBytes(file);

        var info = _validator.Validate(bytes);

        Assert.Equal(ImgsmlrPipeline.Analyse(bytes).Width, info.Width);
    }

    [Fact]
    public void Exif_orientation_is_reported()
    {
        var jpeg = TestImages.WithExifOrientation(TestImages.Jpeg(40, 20, SKColors.Red, SKColors.Blue), 6);

        var info = _validator.Validate(jpeg);

        Assert.Equal(6, info.Orientation);
        Assert.Equal(40, info.Width);
    }

    [Fact]
    public void WebP_and_Bmp_are_recognised()
    {
        using var bitmap = TestImages.Split(8, 8, SKColors.Red, SKColors.Blue);

        Assert.Equal(ImageFormat.WebP, _validator.Validate(TestImages.Encode(bitmap, SKEncodedImageFormat.Webp)).Format);
        Assert.Equal(ImageFormat.Bmp, ImageSniffer.Sniff([(byte)'B', (byte)'M', .. new byte[20]]));
    }
}
