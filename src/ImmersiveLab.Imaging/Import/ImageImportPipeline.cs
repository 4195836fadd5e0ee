using System.Diagnostics;

namespace ImmersiveLab.Imaging;

/// <summary>
/// The import of a folder of images: every image file under it is read, validated and turned into pattern and
/// signature (a bad file is skipped whole, with its reason), then embedded in batches, using every core; finished
/// chunks go to the sink in file order. One worker per core converts whole chunks (signatures, then the chunk's
/// embeddings in one single-threaded inference) while the caller's thread writes: parallel work per chunk, not
/// inside one inference, so no core waits for another, which keeps both busy on a loaded machine.
/// </summary>
public sealed class ImageImportPipeline(ImageValidator validator, ImageEmbedder embedder)
{
    public static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"];
    /// <summary>Files per chunk: one batched inference, one write.</summary>
    public const int ChunkSize = 8;

    /// <summary>The image files under <paramref name="directory"/> (by extension, recursively), in ordinal order.</summary>
    /// <exception cref="ImageImportException">No such folder, or no image file in it.</exception>
    public static IReadOnlyList<string> FindImages(string directory)
    {
        if (!Directory.Exists(directory)) throw new ImageImportException($"No such folder: {directory}");
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new ImageImportException($"No image files ({string.Join(", ", ImageExtensions)}) under {directory}.");
        return files;
    }

    /// <param name="files">The files to import, under <paramref name="directory"/> (see <see cref="FindImages"/>).</param>
    /// <param name="progress">Told after each file: how many are done, of how many, and which (its path under the folder).</param>
    public async Task<ImagePipelineResult> RunAsync(string directory, IReadOnlyList<string> files, IImportedImageSink sink,
        IProgress<(int Done, int Total, string File)>? progress, CancellationToken ct)
    {
        var run = new Run(progress, files.Count);
        var skipped = new List<(string File, string Reason)>();
        var total = Stopwatch.StartNew();
        long converting = 0, writing = 0;
        var chunks = files.Chunk(ChunkSize).ToList();
        var ready = chunks.Select(_ => new TaskCompletionSource<Chunk>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var withEmbeddings = sink.WantsEmbeddings;
        if (withEmbeddings) await embedder.IsAvailableAsync(ct); // load the model once, before the workers need it
        var claimed = -1;
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Factory.StartNew(() =>
        {
            // Threads of their own: the work is CPU-bound and synchronous, and must not wait for thread-pool threads.
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref claimed)) < chunks.Count)
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    var chunk = ConvertChunk(run, directory, chunks[i], withEmbeddings, stop.Token);
                    Interlocked.Add(ref converting, Stopwatch.GetElapsedTime(started).Ticks);
                    ready[i].SetResult(chunk);
                }
                catch (Exception e)
                {
                    ready[i].TrySetException(e);
                    stop.Cancel();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        // Chunks nobody claimed (after a failure or Ctrl+C) end as cancelled, so the writer below never waits forever.
        _ = Task.WhenAll(workers).ContinueWith(_ => { foreach (var r in ready) r.TrySetCanceled(); }, TaskScheduler.Default);
        try
        {
            for (var i = 0; i < chunks.Count; i++)
            {
                var chunk = await ready[i].Task;
                skipped.AddRange(chunk.Skipped);
                if (chunk.Images.Count == 0) continue;
                var started = Stopwatch.GetTimestamp();
                await sink.WriteAsync(chunk.Images, ct);
                writing += Stopwatch.GetElapsedTime(started).Ticks;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
        ct.ThrowIfCancellationRequested();
        return new ImagePipelineResult(skipped, run.EmbeddingsMissing,
            new ImportTimings(total.Elapsed, TimeSpan.FromTicks(converting), TimeSpan.FromTicks(run.EmbeddingTicks), TimeSpan.FromTicks(writing)));
    }

    /// <summary>What the workers of one run share.</summary>
    private sealed class Run(IProgress<(int Done, int Total, string File)>? progress, int total)
    {
        private readonly Lock _lock = new();
        private int _done;
        public volatile string? EmbeddingsMissing;
        public long EmbeddingTicks;

        public void Done(string info)
        {
            lock (_lock) progress?.Report((++_done, total, info));
        }
    }

    private sealed record Chunk(List<ImportedImage> Images, List<(string File, string Reason)> Skipped);

    /// <summary>
    /// One chunk, on the calling worker: each file read, validated and turned into pattern + signature (a bad file is
    /// skipped whole), then the good ones embedded in one batch. A file the embedding's decoder refuses although its
    /// signature could be computed fails the batch; then each file is embedded alone and the refused ones are skipped too.
    /// </summary>
    private Chunk ConvertChunk(Run run, string directory, string[] files, bool withEmbeddings, CancellationToken ct)
    {
        var images = new List<ImportedImage>();
        var skipped = new List<(string File, string Reason)>();
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var info = Path.GetRelativePath(directory, file).Replace('\\', '/');
            try
            {
                images.Add(Prepare(info, file));
            }
            catch (Exception e) when (e is ImageRejectedException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                skipped.Add((info, e.Message));
            }
            run.Done(info);
        }
        if (images.Count == 0 || !withEmbeddings || run.EmbeddingsMissing is not null) return new Chunk(images, skipped);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var vectors = embedder.EmbedBatch(images.Select(p => p.Bytes).ToList(), ct);
            Interlocked.Add(ref run.EmbeddingTicks, Stopwatch.GetElapsedTime(started).Ticks);
            return new Chunk(images.Select((p, k) => p with { Embedding = vectors[k].Vector }).ToList(), skipped);
        }
        catch (ModelUnavailableException e)
        {
            run.EmbeddingsMissing = e.Message;
            return new Chunk(images, skipped);
        }
        catch (ImageRejectedException)
        {
            var kept = new List<ImportedImage>();
            foreach (var p in images)
            {
                try
                {
                    kept.Add(p with { Embedding = embedder.EmbedBatch([p.Bytes], ct)[0].Vector });
                }
                catch (ImageRejectedException e)
                {
                    skipped.Add((p.Info, e.Message));
                }
            }
            return new Chunk(kept, skipped);
        }
    }

    private ImportedImage Prepare(string info, string file)
    {
        var bytes = File.ReadAllBytes(file);
        validator.Validate(bytes);
        var analysis = ImgsmlrPipeline.Analyse(bytes);
        if (analysis.Signature.Values.Any(float.IsNaN))
            throw new ImageRejectedException(ImageRejectionReason.InvalidDimensions,
                "The image has a single grey level at 64×64, so its pattern and signature are NaN, which pgvector cannot store.");
        return new ImportedImage(info, File.GetLastWriteTimeUtc(file), bytes, analysis.Pattern.Values, analysis.Signature.Values, null);
    }
}
