using System.Net;
using ImmersiveLab.Imaging;
using ImmersiveLab.Ui.Results.Images;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Ui.Tests.Images;

public sealed class ThumbnailEndpointTests
{
    private static readonly Guid Alice = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid Bob = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");

    [Fact]
    public async Task The_owner_gets_a_jpeg_thumbnail_no_larger_than_asked()
    {
        await using var host = await ImageEndpointHost.StartAsync();
        var link = host.Issuer.IssueForBytes(Alice, TestImages.Png(400, 300));
        var response = await host.Client(Alice).GetAsync(link.Thumbnail(128));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Equal(TimeSpan.FromMinutes(30), response.Headers.CacheControl.MaxAge);
        using var bitmap = TestImages.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((128, 96), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Another_learners_link_is_refused_and_anonymous_requests_are_unauthorized()
    {
        await using var host = await ImageEndpointHost.StartAsync();
        var link = host.Issuer.IssueForBytes(Alice, TestImages.Png());
        var bob = await host.Client(Bob).GetAsync(link.Thumbnail(128));
        Assert.Equal(HttpStatusCode.Forbidden, bob.StatusCode);
        Assert.Equal(PlaceholderImage.ContentType, bob.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Bob).GetAsync(link.Full)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(null).GetAsync(link.Thumbnail(128))).StatusCode);
    }

    [Fact]
    public async Task Unknown_and_expired_links_are_not_found()
    {
        await using var host = await ImageEndpointHost.StartAsync(new() { ["Results:ImageLinkLifetime"] = "00:10:00" });
        var link = host.Issuer.IssueForBytes(Alice, TestImages.Png());
        var client = host.Client(Alice);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/lab-results/images/not-a-token?w=128")).StatusCode);

        host.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link.Thumbnail(128))).StatusCode);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await client.GetAsync(link.Thumbnail(128));
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("expired", Uri.UnescapeDataString(expired.Headers.GetValues(ResultImageEndpoints.ProblemHeader).Single()));
        Assert.Contains("<svg", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tokens_are_random_and_unguessable()
    {
        await using var host = await ImageEndpointHost.StartAsync();
        var tokens = Enumerable.Range(0, 200).Select(_ => host.Issuer.IssueForLargeObject(Alice, 1).Token).ToList();
        Assert.Equal(200, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Equal(32, t.Length)); // 24 random bytes, base64url
    }

    [Fact]
    public async Task Thumbnails_are_cached_by_content_not_by_link()
    {
        await using var host = await ImageEndpointHost.StartAsync();
        var cache = host.Services.GetRequiredService<ThumbnailCache>();
        var client = host.Client(Alice);
        var png = TestImages.Png(200, 200);
        var first = await client.GetByteArrayAsync(host.Issuer.IssueForBytes(Alice, png).Thumbnail(128));
        Assert.Equal(1, cache.Count);
        // The same content under another link (a copy of the array, so another token) is a cache hit.
        var second = await client.GetByteArrayAsync(host.Issuer.IssueForBytes(Alice, png.ToArray()).Thumbnail(128));
        Assert.Equal(1, cache.Count);
        Assert.Equal(first, second);
        // Another size is another entry; another image is another entry.
        await client.GetByteArrayAsync(host.Issuer.IssueForBytes(Alice, png).Thumbnail(320));
        Assert.Equal(2, cache.Count);
        await client.GetByteArrayAsync(host.Issuer.IssueForBytes(Alice, TestImages.Png(200, 201)).Thumbnail(128));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public async Task Reissuing_the_same_array_reuses_its_link()
    {
        await using var host = await ImageEndpointHost.StartAsync();
        var png = TestImages.Png();
        Assert.Equal(host.Issuer.IssueForBytes(Alice, png).Token, host.Issuer.IssueForBytes(Alice, png).Token);
        Assert.NotEqual(host.Issuer.IssueForBytes(Alice, png).Token, host.Issuer.IssueForBytes(Bob, png).Token);
    }

    [Fact]
    public async Task Requested_sizes_snap_to_the_allowed_set()
    {
        await using var host = await ImageEndpointHost.StartAsync();
        var link = host.Issuer.IssueForBytes(Alice, TestImages.Png(1000, 1000));
        using var bitmap = TestImages.Decode(await host.Client(Alice).GetByteArrayAsync(link.Thumbnail(100000)));
        Assert.Equal(512, bitmap.Width);
    }

    public static TheoryData<string, string> Refused() => new()
    {
        { "truncated", "truncated or corrupt" },
        { "svg", "SVG images are not accepted" },
        { "html", "HTML or XML document" },
        { "bomb", "megapixels" },
        { "empty", "empty" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Corrupt_hostile_or_huge_images_get_a_placeholder_with_the_reason(string kind, string reason)
    {
        await using var host = await ImageEndpointHost.StartAsync();
        var bytes = kind switch
        {
            "truncated" => TestImages.TruncatedPng(),
            "svg" => TestImages.SvgWithScript(),
            "html" => TestImages.Html(),
            "bomb" => TestImages.PixelBombPng(),
            _ => [],
        };
        var link = host.Issuer.IssueForBytes(Alice, bytes);
        foreach (var url in new[] { link.Thumbnail(128), link.Full })
        {
            var response = await host.Client(Alice).GetAsync(url);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal(PlaceholderImage.ContentType, response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            var svg = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script", svg);
            Assert.DoesNotContain("onload", svg);
            Assert.Contains(reason, Uri.UnescapeDataString(response.Headers.GetValues(ResultImageEndpoints.ProblemHeader).Single()), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Images_over_the_byte_limit_get_a_placeholder()
    {
        await using var host = await ImageEndpointHost.StartAsync(new() { ["Imaging:MaxBytes"] = "2000" });
        var big = TestImages.Png(300, 300, SkiaSharp.SKColors.Transparent);
        var noisy = new byte[big.Length + 5000];
        big.CopyTo(noisy, 0);
        var link = host.Issuer.IssueForBytes(Alice, noisy);
        var response = await host.Client(Alice).GetAsync(link.Thumbnail(128));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("limit", Uri.UnescapeDataString(response.Headers.GetValues(ResultImageEndpoints.ProblemHeader).Single()));
    }

    [Fact]
    public async Task The_full_image_is_the_original_bytes_with_their_real_type()
    {
        await using var host = await ImageEndpointHost.StartAsync();
        var gif = TestImages.Gif();
        var response = await host.Client(Alice).GetAsync(host.Issuer.IssueForBytes(Alice, gif).Full);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("1x1", response.Headers.GetValues("X-Image-Size").Single());
        Assert.Equal(gif, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Large_objects_are_read_as_the_learner_who_owns_the_link()
    {
        await using var host = await ImageEndpointHost.StartAsync();
        host.Blobs.Objects[(Alice, 5000)] = TestImages.Jpeg(300, 200);
        var link = host.Issuer.IssueForLargeObject(Alice, 5000);
        var response = await host.Client(Alice).GetAsync(link.Thumbnail(128));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(host.Blobs.Reads, r => Assert.Equal(Alice, r.Learner));
        Assert.True(host.Blobs.Reads[0].MaxBytes > 20 * 1024 * 1024, "the reader is asked for one byte over the limit");

        var missing = await host.Client(Alice).GetAsync(host.Issuer.IssueForLargeObject(Alice, 5001).Thumbnail(128));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // Bob's link to Alice's oid reads as Bob, who has no such large object.
        var bobs = await host.Client(Bob).GetAsync(host.Issuer.IssueForLargeObject(Bob, 5000).Thumbnail(128));
        Assert.Equal(HttpStatusCode.NotFound, bobs.StatusCode);
    }
}
