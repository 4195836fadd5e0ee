using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Thumbnails;

public class ThumbnailerTests
{
    private readonly Thumbnailer _thumbnailer = new();

    private static SKBitmap DecodeJpeg(Thumbnail thumbnail)
    {
        Assert.Equal(ImageFormat.Jpeg, ImageSniffer.Sniff(thumbnail.Bytes));
        return SKBitmap.Decode(thumbnail.Bytes);
    }

    [Fact]
    public void Longest_side_is_scaled_to_the_requested_size_keeping_the_aspect_ratio()
    {
        var thumbnail = _thumbnailer.Create(TestImages.Jpeg(800, 400, SKColors.Red, SKColors.Blue), 256);

        Assert.Equal("image/jpeg", thumbnail.ContentType);
        Assert.Equal((256, 128), (thumbnail.Width, thumbnail.Height));
        using var bitmap = DecodeJpeg(thumbnail);
        Assert.Equal((256, 128), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.GetPixel(10, 64).Red > 200 && bitmap.GetPixel(246, 64).Blue > 200);
    }

    [Fact]
    public void Transparent_pixels_become_white_not_black()
    {
        var png = TestImages.Png(64, 64, SKColors.Transparent, new SKColor(0, 0, 0, 0));

        using var bitmap = DecodeJpeg(_thumbnailer.Create(png, 32));

        var pixel = bitmap.GetPixel(16, 16);
        Assert.True(pixel.Red > 245 && pixel.Green > 245 && pixel.Blue > 245, pixel.ToString());
    }

    [Fact]
    public void Small_images_are_not_enlarged()
    {
        var thumbnail = _thumbnailer.Create(TestImages.Png(50, 30, SKColors.Red, SKColors.Blue), 256);

        Assert.Equal((50, 30), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public void Exif_rotation_is_applied()
    {
        var jpeg = TestImages.WithExifOrientation(TestImages.Jpeg(80, 40, SKColors.Red, SKColors.Blue), 6);

        var thumbnail = _thumbnailer.Create(jpeg, 80);

        Assert.Equal((40, 80), (thumbnail.Width, thumbnail.Height));
        using var bitmap = DecodeJpeg(thumbnail);
        Assert.True(bitmap.GetPixel(20, 5).Red > 200, "the stored left (red) half is on top after a 90° clockwise turn");
        Assert.True(bitmap.GetPixel(20, 75).Blue > 200);
    }

    [Fact]
    public void Large_jpeg_uses_a_scaled_decode_and_still_gets_the_full_requested_size()
    {
        var jpeg = TestImages.Jpeg(2400, 1600, SKColors.Green, SKColors.Yellow);

        var thumbnail = _thumbnailer.Create(jpeg, 300);

        Assert.Equal((300, 200), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public void Hostile_input_is_refused()
    {
        Assert.Throws<ImageRejectedException>(() => _thumbnailer.Create("<svg/>"u8.ToArray()));
        Assert.Throws<ImageRejectedException>(() => _thumbnailer.Create(TestImages.PngClaiming(100_000, 100_000)));
    }

    [Fact]
    public async Task Cache_returns_the_same_thumbnail_for_the_same_content_and_size()
    {
        var cache = new ThumbnailCache(_thumbnailer, Options.Create(new ThumbnailOptions()));
        var png = TestImages.Png(300, 200, SKColors.Red, SKColors.Blue);

        var first = await cache.GetOrCreateAsync(png, 64, CancellationToken.None);
        var second = await cache.GetOrCreateAsync((byte[])png.Clone(), 64, CancellationToken.None);
        var other = await cache.GetOrCreateAsync(png, 32, CancellationToken.None);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task Cache_is_bounded_by_total_bytes_and_evicts_the_least_recently_used()
    {
        var images = Enumerable.Range(0, 6).Select(k => TestImages.Encode(TestImages.Noise(64, 64, k), SKEncodedImageFormat.Png)).ToArray();
        var sizes = images.Select(i => _thumbnailer.Create(i, 64).Bytes.Length).ToArray();
        var limit = sizes.Take(3).Sum() + 10;
        var cache = new ThumbnailCache(_thumbnailer, Options.Create(new ThumbnailOptions { CacheMaxBytes = limit }));

        var kept = await cache.GetOrCreateAsync(images[0], 64, CancellationToken.None);
        foreach (var image in images.Skip(1))
        {
            Assert.Same(kept, await cache.GetOrCreateAsync(images[0], 64, CancellationToken.None)); // keep the first one recently used
            await cache.GetOrCreateAsync(image, 64, CancellationToken.None);
            Assert.True(cache.TotalBytes <= limit, $"{cache.TotalBytes} > {limit}");
        }

        Assert.InRange(cache.Count, 2, 3);
        Assert.Same(kept, await cache.GetOrCreateAsync(images[0], 64, CancellationToken.None));
    }
}
