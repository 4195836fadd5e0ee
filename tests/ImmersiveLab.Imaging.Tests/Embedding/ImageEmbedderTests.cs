using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Embedding;

public class ImageEmbedderTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    private readonly ImageEmbedder _embedder = fixture.Embedder;

    private static float Cosine(float[] a, float[] b)
    {
        double dot = 0;
        for (var k = 0; k < a.Length; k++) dot += (double)a[k] * b[k];
        return (float)dot;
    }

    private static byte[] Mirrored(byte[] bytes)
    {
        using var original = SKBitmap.Decode(bytes);
        using var mirrored = new SKBitmap(original.Info);
        using (var canvas = new SKCanvas(mirrored))
        {
            canvas.Scale(-1, 1, original.Width / 2f, 0);
            using var image = SKImage.FromBitmap(original);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }
        return TestImages.Encode(mirrored, SKEncodedImageFormat.Png);
    }

    [Theory]
    [InlineData("animals", "cat-chelsea.png", "cat")]
    [InlineData("fruit", "orange.jpg", "orange")]
    [InlineData("vehicles", "fire-truck.png", "fire engine")]
    public async Task Top_five_guesses_are_sensible(string category, string file, string expected)
    {
        var embedding = await _embedder.EmbedAsync(EmbedderFixture.Sample(category, file), CancellationToken.None);

        Assert.Equal(5, embedding.TopClasses.Count);
        Assert.Contains(embedding.TopClasses, g => g.Label.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.True(embedding.TopClasses[0].Probability >= embedding.TopClasses[4].Probability);
    }

    [Fact]
    public async Task Embeddings_are_unit_length_with_1280_dimensions()
    {
        var embedding = await _embedder.EmbedAsync(EmbedderFixture.Sample("flowers", "dahlia.jpg"), CancellationToken.None);

        Assert.Equal(1280, embedding.Vector.Length);
        Assert.Equal(1.0, Math.Sqrt(embedding.Vector.Sum(v => (double)v * v)), 5);
        Assert.Contains(embedding.Vector, v => v > 0);
    }

    [Fact]
    public async Task A_mirrored_photo_is_close_and_an_unrelated_one_is_not()
    {
        var photo = EmbedderFixture.Sample("animals", "squirrel.jpg");
        var results = await _embedder.EmbedBatchAsync([photo, Mirrored(photo), EmbedderFixture.Sample("buildings", "office-block.jpg")], CancellationToken.None);

        var mirrored = Cosine(results[0].Vector, results[1].Vector);
        var unrelated = Cosine(results[0].Vector, results[2].Vector);

        Assert.True(mirrored >= 0.85f, $"mirrored cosine {mirrored}");
        Assert.True(unrelated < mirrored - 0.1f, $"unrelated {unrelated} vs mirrored {mirrored}");
    }

    [Fact]
    public async Task Batched_and_concurrent_calls_agree_with_single_calls()
    {
        var images = new[] { EmbedderFixture.Sample("sky", "storm.jpg"), EmbedderFixture.Sample("water", "lake-shore.jpg"),
                             EmbedderFixture.Sample("forest", "lone-tree.jpg"), EmbedderFixture.Sample("leaves", "corn-leaves.jpg") };

        var batch = await _embedder.EmbedBatchAsync(images, CancellationToken.None); // MaxBatchSize 3: two runs
        var concurrent = await Task.WhenAll(images.Select(i => Task.Run(() => _embedder.EmbedAsync(i, CancellationToken.None))));

        for (var k = 0; k < images.Length; k++)
            Assert.True(Cosine(batch[k].Vector, concurrent[k].Vector) > 0.9999f, $"image {k}");
    }

    [Fact]
    public async Task Hostile_input_is_refused_before_inference()
    {
        await Assert.ThrowsAsync<ImageRejectedException>(() => _embedder.EmbedAsync("<svg/>"u8.ToArray(), CancellationToken.None));
        await Assert.ThrowsAsync<ImageRejectedException>(() => _embedder.EmbedAsync(TestImages.PngClaiming(100_000, 100_000), CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_model_embedding_fails_with_the_fetch_hint()
    {
        var dir = Directory.CreateTempSubdirectory("imlab-nomodel-").FullName;
        try
        {
            var store = new ModelStore(new ModelOptions { ModelDirectory = dir, BundledDirectory = "", FallbackDirectories = [], AllowDownload = false }, () => new HttpClient());
            using var embedder = new ImageEmbedder(store);

            Assert.False(await embedder.IsAvailableAsync(CancellationToken.None));
            var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => embedder.EmbedAsync(TestImages.Png(8, 8, SKColors.Red, SKColors.Blue), CancellationToken.None));
            Assert.Contains("imlab model fetch", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
