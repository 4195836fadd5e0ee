using System.Net;
using ImmersiveLab.ImageSearch.Tests.Support;
using ImmersiveLab.Imaging;
using SkiaSharp;

namespace ImmersiveLab.ImageSearch.Tests.Rendering;

/// <summary>The links of a search's step pictures and neighbours are served only to their learner, and only for a while.</summary>
[Collection(nameof(ImageSearchCollection))]
public sealed class ImageLinkEndpointTests(ImageSearchFixture fx)
{
    private static readonly Guid Alice = Guid.Parse("aaaaaaaa-0000-0000-0000-00000000000a");
    private static readonly Guid Bob = Guid.Parse("bbbbbbbb-0000-0000-0000-00000000000b");
    private static readonly Dictionary<string, string?> TenMinuteLinks = new() { ["Results:ImageLinkLifetime"] = "00:10:00" };

    [Fact]
    public async Task A_step_picture_is_the_rendered_png_for_its_learner_and_refused_to_anyone_else()
    {
        await using var host = await ImageLinkHost.StartAsync(TenMinuteLinks);
        var dahlia = fx.Samples.Single(s => s.FileName == "dahlia.jpg");
        var query = await fx.Search.PrepareAsync(dahlia.Bytes, dahlia.FileName, CancellationToken.None);
        var links = await host.Pictures.CreateAsync(Alice, query, CancellationToken.None);

        var mine = await host.Client(Alice).GetAsync(links.Pattern);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("image/png", mine.Content.Headers.ContentType!.MediaType);
        using (var pattern = SKBitmap.Decode(await mine.Content.ReadAsByteArrayAsync()))
            Assert.Equal((384, 384), (pattern.Width, pattern.Height)); // 64 cells of 6 px: not resampled

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Bob).GetAsync(links.Pattern)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(null).GetAsync(links.Decoded)).StatusCode);
    }

    [Fact]
    public async Task A_neighbours_thumbnail_is_a_small_jpeg_for_its_learner_only()
    {
        await using var host = await ImageLinkHost.StartAsync(TenMinuteLinks);
        var url = host.Links.Thumbnail(Alice, fx.Samples[0].Bytes);

        var mine = await host.Client(Alice).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("image/jpeg", mine.Content.Headers.ContentType!.MediaType);
        using (var thumbnail = SKBitmap.Decode(await mine.Content.ReadAsByteArrayAsync()))
            Assert.Equal(256, Math.Max(thumbnail.Width, thumbnail.Height));

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Bob).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(null).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_expired_or_unknown_link_is_not_found()
    {
        await using var host = await ImageLinkHost.StartAsync(TenMinuteLinks);
        var url = host.Links.StepPicture(Alice, ImmersiveLab.ImageSearch.Rendering.StepImageRenderer.GreyMap(new float[4096]));
        var alice = host.Client(Alice);

        host.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync(url)).StatusCode);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await alice.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/lab-results/images/not-a-token/full")).StatusCode);
    }

    [Fact]
    public async Task A_stored_file_that_is_not_an_image_is_refused_with_its_reason()
    {
        await using var host = await ImageLinkHost.StartAsync(TenMinuteLinks);
        var url = host.Links.Thumbnail(Alice, "<html>not an image</html>"u8.ToArray());
        var response = await host.Client(Alice).GetAsync(url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("HTML", await response.Content.ReadAsStringAsync());
    }
}
