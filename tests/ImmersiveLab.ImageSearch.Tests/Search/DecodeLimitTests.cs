using ImmersiveLab.ImageSearch.Tests.Support;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.ImageSearch.Tests.Search;

/// <summary>
/// Image decodes are limited in pixels and in number at once (security review F12: a 115 kB PNG of 6300×6300 took the
/// app from 533 to 1000 MB on /search, with no limit on decodes at once). The collection runs alone, so
/// <see cref="DecodesInProgress"/> counts only these decodes.
/// </summary>
[Collection(nameof(ImageSearchCollection))]
public sealed class DecodeLimitTests(ImageSearchFixture fx)
{
    private static readonly byte[] Big = TestImages.LargeGradientPng(6300, 6300);

    [Fact]
    public async Task A_6300_by_6300_upload_is_refused_before_any_decode_and_says_why()
    {
        Assert.InRange(Big.Length, 1, 300_000); // a small file
        var started = DecodesInProgress.Started;

        var refused = await Assert.ThrowsAsync<ImageRejectedException>(() => fx.Search.PrepareAsync(Big, "big.png", CancellationToken.None));

        Assert.Equal(ImageRejectionReason.TooManyPixels, refused.Reason);
        Assert.Equal(6300L * 6300, refused.Value);
        Assert.Equal(24_000_000, refused.Limit);
        Assert.Contains("uploads may have up to 24 megapixels", refused.Message);
        Assert.Equal(started, DecodesInProgress.Started);
    }

    [Fact]
    public async Task Decodes_at_once_never_exceed_the_servers_limit()
    {
        // An app that lets uploads be as large as imports (40 MP), with two decodes at once.
        // The queue time is long: on a loaded machine the third waits for two large decodes, and this test is not about "busy".
        using var gate = new DecodeGate(Options.Create(new ImageValidationOptions { MaxConcurrentDecodes = 2, DecodeQueueTimeout = TimeSpan.FromMinutes(10) }), TimeProvider.System);
        var search = Service(gate, new ImageValidator(Options.Create(new ImageValidationOptions { MaxUploadPixels = 40_000_000 })));
        var held = new[] { await gate.EnterAsync(CancellationToken.None), await gate.EnterAsync(CancellationToken.None) };
        DecodesInProgress.ResetPeak();

        var uploads = Enumerable.Range(0, 3).Select(n => search.PrepareAsync(Big, $"big-{n}.png", CancellationToken.None)).ToList();
        await Until(() => gate.Waiting == 3);
        Assert.Equal(0, DecodesInProgress.Current); // all three wait for a turn: nothing is decoded meanwhile
        Assert.DoesNotContain(uploads, u => u.IsCompleted);

        foreach (var slot in held) slot.Dispose();
        var prepared = await Task.WhenAll(uploads);

        Assert.InRange(DecodesInProgress.Peak, 1, 2);
        Assert.All(prepared, q => Assert.Equal((6300, 6300), (q.Width, q.Height)));
        Assert.All(prepared, q => Assert.Equal(prepared[0].SignatureText, q.SignatureText));
        // What a prepared query keeps of the picture is a preview, not 160 MB of pixels.
        Assert.All(prepared, q => Assert.InRange(q.Analysis.Decoded.Rgba7.Length, 1, 4 * fx.Search.Options.DecodedPreviewSide * fx.Search.Options.DecodedPreviewSide));
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public async Task A_learner_whose_image_waits_too_long_is_told_the_lab_is_busy()
    {
        var time = new FakeTimeProvider();
        using var gate = new DecodeGate(Options.Create(new ImageValidationOptions { MaxConcurrentDecodes = 1, DecodeQueueTimeout = TimeSpan.FromSeconds(10) }), time);
        var search = Service(gate, fx.Services.GetRequiredService<ImageValidator>());
        using var held = await gate.EnterAsync(CancellationToken.None);

        var upload = search.PrepareAsync(fx.Samples[0].Bytes, fx.Samples[0].FileName, CancellationToken.None);
        await Until(() => gate.Waiting == 1);
        time.Advance(TimeSpan.FromSeconds(10));

        var busy = await Assert.ThrowsAsync<ImageRejectedException>(() => upload);
        Assert.Equal(ImageRejectionReason.Busy, busy.Reason);
        Assert.Contains("try again in a moment", busy.Message);
    }

    [Theory]
    [InlineData(6)]  // cat-chelsea.png, opaque
    [InlineData(47)] // fire-truck.png, transparent
    public async Task A_png_is_decoded_once_for_imgsmlr_and_the_embedding_and_finds_its_stored_self(int id)
    {
        var sample = fx.Samples[id - 1];
        var started = DecodesInProgress.Started;

        var query = await fx.Search.PrepareAsync(sample.Bytes, sample.FileName, CancellationToken.None);

        Assert.Equal(1, DecodesInProgress.Started - started);
        var result = await fx.Search.SearchAsync(await fx.NewLearnerAsync(), query, k: 1, ImageSearchSource.Samples);
        Assert.Equal(id, result.ByEmbedding.Hits[0].Id);
        Assert.InRange(result.ByEmbedding.Hits[0].Distance, 0, 1e-5); // the same embedding as the template's, made from the file
    }

    private ImageSearchService Service(DecodeGate gate, ImageValidator validator) =>
        ActivatorUtilities.CreateInstance<ImageSearchService>(fx.Services, gate, validator);

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within a minute");
            await Task.Delay(20);
        }
    }
}
