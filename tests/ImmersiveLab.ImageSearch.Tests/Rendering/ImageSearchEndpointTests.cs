using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.ImageSearch.Tests.Support;
using ImmersiveLab.Imaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;

namespace ImmersiveLab.ImageSearch.Tests.Rendering;

[Collection(nameof(ImageSearchCollection))]
public sealed class ImageSearchEndpointTests(ImageSearchFixture fx)
{
    private ImageLinkStore Links => fx.Services.GetRequiredService<ImageLinkStore>();

    [Fact]
    public async Task A_step_picture_is_served_as_it_was_rendered()
    {
        var png = StepImageRenderer.GreyMap(new float[4096]);
        var (status, type, body) = await GetAsync(Links.Add(png, StepImageRenderer.ContentType));
        Assert.Equal((200, "image/png"), (status, type));
        Assert.Equal(png, body);
    }

    [Fact]
    public async Task A_stored_image_is_served_as_a_jpeg_thumbnail_of_a_snapped_width()
    {
        var sample = fx.Samples[0];
        var (status, type, body) = await GetAsync(Links.AddSourceImage(sample.Bytes, 150));
        Assert.Equal((200, "image/jpeg"), (status, type));
        using var bitmap = SKBitmap.Decode(body);
        Assert.Equal(160, Math.Max(bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Unknown_links_and_undecodable_images_get_an_explaining_placeholder()
    {
        var (missing, missingType, missingBody) = await GetAsync("/image-search/img/not-a-token");
        Assert.Equal((404, "image/svg+xml"), (missing, missingType));
        Assert.Contains("expired", System.Text.Encoding.UTF8.GetString(missingBody));

        var (corrupt, _, corruptBody) = await GetAsync(Links.AddSourceImage("<html>not an image</html>"u8.ToArray(), 160));
        Assert.Equal(422, corrupt);
        Assert.Contains("HTML", System.Text.Encoding.UTF8.GetString(corruptBody));
    }

    private async Task<(int Status, string? ContentType, byte[] Body)> GetAsync(string url)
    {
        var token = url.Split('?')[0].Split('/')[^1];
        int? w = url.Contains("?w=") ? int.Parse(url.Split("?w=")[1]) : null;
        var services = new ServiceCollection().AddLogging().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        var body = new MemoryStream();
        http.Response.Body = body;
        var result = ImageSearchEndpoints.Get(token, w, http, Links, fx.Services.GetRequiredService<ThumbnailCache>());
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, http.Response.ContentType?.Split(';')[0], body.ToArray());
    }
}
