using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Embedding;

/// <summary>
/// The embedding of a picture already decoded for imgsmlr reads those pixels instead of decoding again, and comes out as
/// the embedding of the file (as stored images get it).
/// </summary>
public sealed class DecodedEmbeddingTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_picture_read_from_the_libgd_decode_gives_the_model_the_same_input(bool transparent)
    {
        var random = new Random(7);
        using var noise = new SKBitmap(new SKImageInfo(300, 200, SKColorType.Rgba8888, transparent ? SKAlphaType.Unpremul : SKAlphaType.Opaque));
        for (var y = 0; y < 200; y++)
            for (var x = 0; x < 300; x++)
                noise.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), transparent ? (byte)random.Next(256) : (byte)255));
        var png = TestImages.Encode(noise, SKEncodedImageFormat.Png);
        var spec = fixture.Embedder.Manifest.Input;
        using var own = ScaledRgbaDecoder.Decode(png, (w, h) => (w, h));
        using var view = RgbaPixels.FromGd(LibGdDecoder.Decode(png, keepAlpha: true));
        var fromOwn = new float[3 * spec.CentreCrop * spec.CentreCrop];
        var fromView = new float[fromOwn.Length];

        EmbeddingPreprocessor.Fill(own, spec, EmbeddingFraming.Letterbox, fromOwn);
        EmbeddingPreprocessor.Fill(view, spec, EmbeddingFraming.Letterbox, fromView);

        Assert.Equal(fromOwn, fromView);
    }

    [Theory]
    [InlineData("animals", "cat-chelsea.png", 1e-6)]
    [InlineData("vehicles", "fire-truck.png", 1e-6)] // transparent: the file's own alpha is kept beside libgd's
    [InlineData("fruit", "orange.jpg", 1e-6)]        // large enough for the JPEG's own 1/8 decode, as stored
    public async Task Embedding_from_the_decoded_picture_matches_the_files(string category, string file, double tolerance)
    {
        var bytes = EmbedderFixture.Sample(category, file);
        var header = new ImageValidator().Validate(bytes);
        var gd = LibGdDecoder.Decode(bytes, keepAlpha: true);

        var reused = await fixture.Embedder.EmbedDecodedAsync(gd, bytes, header, CancellationToken.None);
        var fromFile = await fixture.Embedder.EmbedAsync(bytes, CancellationToken.None);

        var cosine = reused.Vector.Zip(fromFile.Vector).Sum(p => (double)p.First * p.Second);
        Assert.InRange(1 - cosine, -1e-6, tolerance);
    }
}
