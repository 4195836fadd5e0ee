using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ImmersiveLab.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace ImmersiveLab.Bench.Imaging;

/// <summary>
/// <c>embedding-profile [--rounds N] [--preprocessing P]</c>: where one image's embedding time goes, stage by stage, on the
/// 50 samples, one image after another on one thread (wall time and this thread's CPU time, which a busy shared
/// machine disturbs less): decode (at the reduced size), resize + tensor fill, inference (batches of 8, ONNX Runtime's
/// own threads: process CPU time), post-processing. Then the whole <see cref="ImageEmbedder.EmbedBatchAsync"/> for comparison.
/// </summary>
public static class EmbeddingProfile
{
    public const string Mode = "embedding-profile";

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = Arg(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        var preprocessing = ImagingThroughputBenchmarks.Preprocessing;
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run inside the repository.");
        var images = SampleImageCatalog.Load(Path.Combine(root, "sample-images")).Select(s => s.Bytes).ToList();
        var store = new ModelStore(new ModelOptions(), () => new HttpClient());
        var modelPath = await store.LocateAsync(CancellationToken.None);
        var manifest = store.Manifest;
        var spec = manifest.Input;
        var size = spec.CentreCrop;
        var perImage = 3 * size * size;
        var threads = ImagingThroughputBenchmarks.Threads;
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(OnnxGraphEditor.AddGraphOutput(await File.ReadAllBytesAsync(modelPath), manifest.Embedding.Tensor, OnnxGraphEditor.ElementTypeUInt8), options);

        var stages = new[] { "decode", "resize + fill", "mirror copy", "inference", "post-process" };
        var wall = new double[stages.Length];
        var cpu = new double[stages.Length];
        const int batch = 8;
        var passes = preprocessing.Passes;
        var input = new float[batch * passes * perImage];
        for (var round = -1; round < rounds; round++) // round -1 warms up
        {
            for (var start = 0; start < images.Count; start += batch)
            {
                var count = Math.Min(batch, images.Count - start);
                for (var n = 0; n < count; n++)
                {
                    var (w0, c0) = Now();
                    using var pixels = EmbeddingPreprocessor.Decode(images[start + n], spec, preprocessing.Framing);
                    Add(0, w0, c0, round);
                    (w0, c0) = Now();
                    EmbeddingPreprocessor.Fill(pixels, spec, preprocessing.Framing, input.AsSpan(n * perImage, perImage));
                    Add(1, w0, c0, round);
                    (w0, c0) = Now();
                    if (passes == 2) EmbeddingPreprocessor.Mirror(input.AsSpan(n * perImage, perImage), size, input.AsSpan((count + n) * perImage, perImage));
                    Add(2, w0, c0, round);
                }
                var (w1, _) = Now();
                var p0 = Process.GetCurrentProcess().TotalProcessorTime;
                using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, count * passes * perImage), [count * passes, 3, size, size]);
                using var runOptions = new RunOptions();
                using var outputs = session.Run(runOptions, [spec.Name], [value], [manifest.Logits.Name, manifest.Embedding.Tensor]);
                if (round >= 0)
                {
                    wall[3] += Stopwatch.GetElapsedTime(w1).TotalMilliseconds;
                    cpu[3] += (Process.GetCurrentProcess().TotalProcessorTime - p0).TotalMilliseconds;
                }
                var (w2, c2) = Now();
                var pooled = outputs[1].GetTensorDataAsSpan<byte>();
                var sum = 0f;
                for (var k = 0; k < pooled.Length; k++) sum += pooled[k];
                Add(4, w2, c2, round);
            }
        }

        var perImageCount = (double)rounds * images.Count;
        Console.WriteLine($"Embedding profile: {images.Count} samples × {rounds} rounds, preprocessing {preprocessing.Id}, {threads} ONNX Runtime threads, batches of {batch}");
        Console.WriteLine($"{"stage",-16} {"wall ms/image",14} {"CPU ms/image",13} {"share of wall",14}");
        var total = wall.Sum();
        for (var s = 0; s < stages.Length; s++)
            Console.WriteLine($"{stages[s],-16} {wall[s] / perImageCount,14:0.00} {cpu[s] / perImageCount,13:0.00} {100 * wall[s] / total,13:0.0}%");
        Console.WriteLine($"{"sum",-16} {total / perImageCount,14:0.00}");

        foreach (var (spin, preprocessThreads) in new[] { (false, 0), (true, 0), (false, 1), (true, 1) })
        {
            using var embedder = new ImageEmbedder(store, new EmbeddingOptions
            {
                IntraOpThreads = threads, MaxBatchSize = batch, Framing = preprocessing.Framing, AverageMirror = preprocessing.AverageMirror,
                SpinWait = spin, PreprocessThreads = preprocessThreads,
            });
            await embedder.EmbedBatchAsync(images, CancellationToken.None);
            var sw = Stopwatch.StartNew();
            var p0 = Process.GetCurrentProcess().TotalProcessorTime;
            for (var round = 0; round < rounds; round++) await embedder.EmbedBatchAsync(images, CancellationToken.None);
            Console.WriteLine($"ImageEmbedder.EmbedBatchAsync (spin {spin}, decode threads {(preprocessThreads == 0 ? Environment.ProcessorCount : preprocessThreads)}): " +
                              $"{sw.Elapsed.TotalMilliseconds / perImageCount:0.00} ms/image wall, {(Process.GetCurrentProcess().TotalProcessorTime - p0).TotalMilliseconds / perImageCount:0.00} ms CPU, " +
                              $"{perImageCount / sw.Elapsed.TotalSeconds:0.0} images/s");
        }
        return 0;

        void Add(int stage, long startWall, double startCpu, int round)
        {
            if (round < 0) return;
            wall[stage] += Stopwatch.GetElapsedTime(startWall).TotalMilliseconds;
            cpu[stage] += ThreadCpuMilliseconds() - startCpu;
        }
    }

    private static (long Wall, double Cpu) Now() => (Stopwatch.GetTimestamp(), ThreadCpuMilliseconds());

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>CLOCK_THREAD_CPUTIME_ID: CPU time of the calling thread.</summary>
    private static double ThreadCpuMilliseconds() => ClockGetTime(3, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : 0;
}
