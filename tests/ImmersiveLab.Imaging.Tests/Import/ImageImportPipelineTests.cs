using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Import;

/// <summary>The import pipeline without a database: what reaches the sink, in which order, and what is skipped.</summary>
public sealed class ImageImportPipelineTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("imlab-import-");

    public void Dispose() => _dir.Delete(recursive: true);

    private sealed class RecordingSink(bool wantsEmbeddings) : IImportedImageSink
    {
        public List<IReadOnlyList<ImportedImage>> Chunks { get; } = [];

        public bool WantsEmbeddings => wantsEmbeddings;

        public Task WriteAsync(IReadOnlyList<ImportedImage> chunk, CancellationToken ct)
        {
            Chunks.Add(chunk);
            return Task.CompletedTask;
        }
    }

    private void Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public async Task Good_files_reach_the_sink_in_order_with_pattern_and_signature_and_bad_ones_are_skipped_whole()
    {
        for (var i = 0; i < 10; i++) Write($"b/{i:00}.png", TestImages.Encode(TestImages.Noise(40 + i, 30, seed: i + 1), SKEncodedImageFormat.Png));
        Write("a/white.png", TestImages.Encode(TestImages.Split(32, 32, SKColors.White, SKColors.White), SKEncodedImageFormat.Png));
        Write("a/page.jpg", "<html></html>"u8.ToArray());
        Write("notes.txt", "ignored"u8.ToArray());
        var validator = new ImageValidator(Options.Create(new ImageValidationOptions()));
        using var embedder = new ImageEmbedder(new ModelStore(new ModelOptions { ModelDirectory = _dir.FullName, BundledDirectory = "", FallbackDirectories = [] }, () => new HttpClient()));
        var sink = new RecordingSink(wantsEmbeddings: false);
        var progress = new List<int>();

        var files = ImageImportPipeline.FindImages(_dir.FullName);
        var result = await new ImageImportPipeline(validator, embedder).RunAsync(_dir.FullName, files, sink,
            new SynchronousProgress(p => progress.Add(p.Done)), CancellationToken.None);

        Assert.Equal(12, files.Count);
        var images = sink.Chunks.SelectMany(c => c).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"b/{i:00}.png"), images.Select(i => i.Info));
        Assert.All(sink.Chunks, c => Assert.InRange(c.Count, 1, ImageImportPipeline.ChunkSize));
        Assert.All(images, i => Assert.Equal((4096, 16), (i.Pattern.Length, i.Signature.Length)));
        Assert.All(images, i => Assert.Null(i.Embedding));
        Assert.Equal(ImgsmlrPipeline.Analyse(File.ReadAllBytes(Path.Combine(_dir.FullName, "b/03.png"))).Signature.Values, images[3].Signature);
        Assert.Equal(["a/page.jpg", "a/white.png"], result.Skipped.Select(s => s.File).Order());
        Assert.Equal(Enumerable.Range(1, 12), progress.Order());
        Assert.Null(result.EmbeddingsMissing);
    }

    [Fact]
    public void A_missing_or_empty_folder_is_refused_before_anything_runs()
    {
        Assert.Throws<ImageImportException>(() => ImageImportPipeline.FindImages(Path.Combine(_dir.FullName, "nope")));
        Write("notes.txt", "ignored"u8.ToArray());
        Assert.Contains("No image files", Assert.Throws<ImageImportException>(() => ImageImportPipeline.FindImages(_dir.FullName)).Message);
    }

    private sealed class SynchronousProgress(Action<(int Done, int Total, string File)> report) : IProgress<(int Done, int Total, string File)>
    {
        private readonly Lock _lock = new();

        public void Report((int Done, int Total, string File) value)
        {
            lock (_lock) report(value);
        }
    }
}
