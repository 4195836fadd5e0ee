namespace ImmersiveLab.Imaging.Tests.Embedding;

/// <summary>One embedder over the real model (installed into a temp folder from ../shared/models) for all embedding tests.</summary>
public sealed class EmbedderFixture : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imlab-embed-").FullName;

    public EmbedderFixture()
    {
        var store = new ModelStore(new ModelOptions { ModelDirectory = _dir, FallbackDirectories = [TestPaths.ModelsFolder], AllowDownload = false },
            () => throw new InvalidOperationException("no network in tests"));
        Embedder = new ImageEmbedder(store, new EmbeddingOptions { IntraOpThreads = 2, MaxBatchSize = 3 });
    }

    public ImageEmbedder Embedder { get; }

    public static byte[] Sample(string category, string file) => File.ReadAllBytes(Path.Combine(TestPaths.Shared, "sample-images", category, file));

    public void Dispose()
    {
        Embedder.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
