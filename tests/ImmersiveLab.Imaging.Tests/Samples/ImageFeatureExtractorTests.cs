using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ImmersiveLab.Imaging.Tests.Embedding;

namespace ImmersiveLab.Imaging.Tests.Samples;

public class ImageFeatureExtractorTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    [Fact]
    public async Task Features_of_a_sample_match_the_separate_computations()
    {
        var sample = SampleImageCatalog.Load(TestPaths.SampleImages).First(i => i.FileName == "dahlia.jpg");
        var extractor = new ImageFeatureExtractor(fixture.Embedder);

        var features = await extractor.ComputeAsync(sample.Bytes, CancellationToken.None);

        Assert.Equal((sample.Width, sample.Height), (features.Width, features.Height));
        Assert.Equal(ImgsmlrPipeline.Analyse(sample.Bytes).Signature.Values, features.Signature.Values);
        Assert.Equal(4096, features.Pattern.Values.Length);
        Assert.NotNull(features.Embedding);
        Assert.Equal(1280, features.Embedding!.Length);
        Assert.Null(features.EmbeddingUnavailableReason);
    }

    [Fact]
    public void Without_a_model_features_have_no_embedding_and_say_why()
    {
        var dir = Directory.CreateTempSubdirectory("imlab-nomodel-").FullName;
        try
        {
            var store = new ModelStore(new ModelOptions { ModelDirectory = dir, BundledDirectory = "", FallbackDirectories = [] }, () => new HttpClient());
            using var embedder = new ImageEmbedder(store);

            var features = new ImageFeatureExtractor(embedder).ComputeFeatures(TestImages.Png(32, 32, SkiaSharp.SKColors.Red, SkiaSharp.SKColors.White));

            Assert.Null(features.Embedding);
            Assert.Contains("imlab model fetch", features.EmbeddingUnavailableReason);
            Assert.False(float.IsNaN(features.Signature.Values[0]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AddImaging_binds_options_and_resolves_every_service()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Imaging:MaxBytes"] = "1234",
            ["Imaging:MaxPixels"] = "5000",
            ["Imaging:Thumbnails:LongestSide"] = "77",
            ["Imaging:Model:ModelDirectory"] = "/tmp/imlab-di-models",
            ["Imaging:Model:FallbackDirectories:0"] = "/nonexistent",
            ["Imaging:Embedding:IntraOpThreads"] = "1",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddImaging(configuration).BuildServiceProvider();

        Assert.Equal(1234, provider.GetRequiredService<ImageValidator>().Limits.MaxBytes);
        Assert.Equal(77, provider.GetRequiredService<Thumbnailer>().Settings.LongestSide);
        Assert.Equal("/tmp/imlab-di-models", provider.GetRequiredService<ModelStore>().ModelDirectory);
        Assert.Equal(1, provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value.IntraOpThreads);
        Assert.NotNull(provider.GetRequiredService<ThumbnailCache>());
        Assert.NotNull(provider.GetRequiredService<ImageFeatureExtractor>());
        Assert.Throws<ImageRejectedException>(() => provider.GetRequiredService<ImageValidator>().Validate(new byte[2000]));
    }
}
