using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ImmersiveLab.Imaging;

namespace ImmersiveLab.Bench.Imaging;

/// <summary>
/// Images per second on the repository's 50 sample images (sample-images/), in one run:
/// <list type="bullet">
/// <item><b>Signature</b>: decode with libgd's rules + imgsmlr pattern + signature (what the template, imlab import and the
/// search compute per image), one image after another on one thread;</item>
/// <item><b>EmbeddingDotnet</b>: <see cref="ImageEmbedder.EmbedBatchAsync"/> on all images (decode, preprocess, MobileNetV2
/// int8 with ONNX Runtime, dequantise, top-5), batches of 8;</item>
/// <item><b>EmbeddingNode</b>: the same model file (with the same extra output), images, preprocessing, batch size and
/// thread count in onnxruntime-node + sharp (bench/node-embed), a worker process started in GlobalSetup and asked
/// over stdin to embed all images per invocation.</item>
/// </list>
/// Each invocation handles all 50 images (OperationsPerInvoke = 50), so Mean is the time per image and the
/// "images/s" column its inverse. EmbeddingDotnet is the baseline of the embedding category: the Ratio of
/// EmbeddingNode is node's time ÷ .NET's time, i.e. .NET's embedding throughput ÷ node's.
/// </summary>
[Config(typeof(ImagesPerSecondConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ImagingThroughputBenchmarks
{
    private const int Images = 50;
    private List<byte[]> _images = [];
    private ImageEmbedder _embedder = null!;
    private Process? _node;
    private string? _editedModel;

    public static EmbeddingPreprocessing Preprocessing =>
        Environment.GetEnvironmentVariable("BENCH_PREPROCESSING") is { Length: > 0 } p
            ? new EmbeddingPreprocessing(p.StartsWith("centre", StringComparison.Ordinal) ? EmbeddingFraming.CentreCrop : EmbeddingFraming.Letterbox, p.Contains("mirror", StringComparison.Ordinal))
            : EmbeddingPreprocessing.Default;

    public static int Threads =>
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_THREADS"), out var t) ? t : Math.Min(Environment.ProcessorCount, 4);

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run from inside the repository (ImmersiveLab.sln not found).");
        var samplesDir = Path.Combine(root, "sample-images");
        _images = SampleImageCatalog.Load(samplesDir).Select(s => s.Bytes).ToList();
        if (_images.Count != Images) throw new InvalidOperationException($"Expected {Images} sample images, found {_images.Count}.");

        var store = new ModelStore(new ModelOptions(), () => new HttpClient());
        var modelPath = store.LocateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _embedder = new ImageEmbedder(store, new EmbeddingOptions
        {
            IntraOpThreads = Threads, MaxBatchSize = 8,
            // BENCH_PREPROCESSING=centre-crop, letterbox+mirror, … measures another preprocessing (both sides follow).
            Framing = Preprocessing.Framing, AverageMirror = Preprocessing.AverageMirror,
        });
        _embedder.EmbedAsync(_images[0], CancellationToken.None).GetAwaiter().GetResult(); // load the session

        var manifest = store.Manifest;
        _editedModel = Path.Combine(Path.GetTempPath(), $"imlab-bench-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(_editedModel, OnnxGraphEditor.AddGraphOutput(File.ReadAllBytes(modelPath), manifest.Embedding.Tensor, OnnxGraphEditor.ElementTypeUInt8));
        var scale = (float)OnnxGraphEditor.ReadScalarInitializer(File.ReadAllBytes(modelPath), manifest.Embedding.ScaleInitializer);
        var zeroPoint = (int)OnnxGraphEditor.ReadScalarInitializer(File.ReadAllBytes(modelPath), manifest.Embedding.ZeroPointInitializer);
        var spec = JsonSerializer.Serialize(new
        {
            input = manifest.Input.Name, logits = manifest.Logits.Name, embedding = manifest.Embedding.Tensor,
            crop = manifest.Input.CentreCrop, resize = manifest.Input.ResizeShorterSide, pixelScale = manifest.Input.PixelScale,
            mean = manifest.Input.Mean, std = manifest.Input.Std, dims = manifest.Embedding.Dimensions, classes = manifest.Logits.Classes,
            scale, zeroPoint,
            // The same framing and passes as the embedder, so both sides do the same work.
            framing = _embedder.Preprocessing.Framing == EmbeddingFraming.Letterbox ? "letterbox" : "centre-crop",
            mirror = _embedder.Preprocessing.AverageMirror,
        });
        _node = StartNode(Path.Combine(root, "bench", "node-embed"), _editedModel, samplesDir, spec);
    }

    [Benchmark(OperationsPerInvoke = Images), BenchmarkCategory("signature")]
    public float Signature()
    {
        var sum = 0f;
        foreach (var image in _images) sum += ImgsmlrPipeline.Analyse(image).Signature.Values[15];
        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Images), BenchmarkCategory("embedding")]
    public async Task<int> EmbeddingDotnet() => (await _embedder.EmbedBatchAsync(_images, CancellationToken.None)).Count;

    [Benchmark(OperationsPerInvoke = Images), BenchmarkCategory("embedding")]
    public async Task<string> EmbeddingNode()
    {
        var node = _node ?? throw new InvalidOperationException("The node worker is not running.");
        await node.StandardInput.WriteLineAsync("run");
        await node.StandardInput.FlushAsync();
        var reply = await node.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The node worker stopped: " + node.StandardError.ReadToEnd());
        return reply.StartsWith("done ", StringComparison.Ordinal) ? reply : throw new InvalidOperationException("Unexpected reply from node: " + reply);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_node is { HasExited: false } node)
        {
            node.StandardInput.WriteLine("quit");
            if (!node.WaitForExit(5000)) node.Kill();
        }
        _node?.Dispose();
        _embedder.Dispose();
        if (_editedModel is not null) File.Delete(_editedModel);
    }

    private static Process StartNode(string dir, string model, string samplesDir, string spec)
    {
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "onnxruntime-node")))
            throw new InvalidOperationException($"Run `npm ci` in {dir} first (see bench/README.md).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "embed.js", "--serve", "--model", model, "--images", samplesDir, "--spec", spec, "--threads", Threads.ToString(), "--batch", "8" })
            start.ArgumentList.Add(a);
        var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var ready = node.StandardOutput.ReadLine();
        if (ready != $"ready {Images}")
            throw new InvalidOperationException($"The node worker did not start ({ready}): {node.StandardError.ReadToEnd()}");
        return node;
    }
}
