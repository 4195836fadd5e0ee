using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace ImmersiveLab.Imaging;

/// <summary>
/// MobileNetV2 image embeddings with ONNX Runtime. The pooled feature tensor is not a graph output of the
/// Model Zoo file, so the graph is edited in memory to expose it; it is then dequantised with the model's own
/// scale and zero point and L2-normalised (with <see cref="EmbeddingPreprocessing.AverageMirror"/>, the picture and
/// its mirror image run in the same batch and their pooled features are summed first). One session, created on first
/// use, is shared by all callers; pictures are decoded and resized in parallel into reused input buffers.
/// </summary>
public sealed class ImageEmbedder : IDisposable
{
    private readonly ModelStore _store;
    private readonly ImageValidator _validator;
    private readonly EmbeddingOptions _options;
    private readonly ILogger<ImageEmbedder> _logger;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private readonly EmbeddingPreprocessing _preprocessing;
    private readonly int _preprocessThreads;
    private LoadedModel? _model;

    private readonly ImagingMetrics? _metrics;

    public ImageEmbedder(ModelStore store, ImageValidator validator, IOptions<EmbeddingOptions> options, ILogger<ImageEmbedder> logger,
        ImagingMetrics? metrics = null)
    {
        _metrics = metrics;
        _store = store;
        _validator = validator;
        _options = options.Value;
        _logger = logger;
        _preprocessing = _options.Preprocessing;
        _preprocessThreads = _options.PreprocessThreads > 0 ? _options.PreprocessThreads : Environment.ProcessorCount;
    }

    public ImageEmbedder(ModelStore store, EmbeddingOptions? options = null)
        : this(store, new ImageValidator(), Options.Create(options ?? new EmbeddingOptions()), NullLogger<ImageEmbedder>.Instance) { }

    public ModelManifest Manifest => _store.Manifest;

    public int Dimensions => Manifest.Embedding.Dimensions;

    /// <summary>Whether the model can be loaded; <see cref="ModelStore.GetStatusAsync"/> says why not.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
            return true;
        }
        catch (ModelUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Throws <see cref="ModelUnavailableException"/> without a model, <see cref="ImageRejectedException"/> for bad input.</summary>
    public async Task<ImageEmbedding> EmbedAsync(byte[] imageBytes, CancellationToken cancellationToken) =>
        (await EmbedBatchAsync([imageBytes], cancellationToken))[0];

    public async Task<IReadOnlyList<ImageEmbedding>> EmbedBatchAsync(IReadOnlyList<byte[]> images, CancellationToken cancellationToken)
    {
        foreach (var image in images) _validator.Validate(image);
        var model = await LoadAsync(cancellationToken);
        var results = new ImageEmbedding[images.Count];
        var batchSize = Math.Max(1, _options.MaxBatchSize);
        for (var start = 0; start < images.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, images.Count - start);
            var first = start;
            await Task.Run(() => Run(model, DecodeEach(images), first, count, results, cancellationToken), cancellationToken);
        }
        return results;
    }

    private void Measured(int count, long started, bool succeeded) =>
        _metrics?.Embedded(count, System.Diagnostics.Stopwatch.GetElapsedTime(started), succeeded);

    /// <summary>
    /// The same as <see cref="EmbedBatchAsync"/>, done on the calling thread (with <see cref="EmbeddingOptions.PreprocessThreads"/>
    /// = 1 and <see cref="EmbeddingOptions.IntraOpThreads"/> = 1, nothing else): for callers that run one such call per core
    /// on threads of their own, such as a bulk import.
    /// </summary>
    public IReadOnlyList<ImageEmbedding> EmbedBatch(IReadOnlyList<byte[]> images, CancellationToken cancellationToken)
    {
        foreach (var image in images) _validator.Validate(image);
        var model = _model ?? LoadAsync(cancellationToken).GetAwaiter().GetResult();
        var results = new ImageEmbedding[images.Count];
        var batchSize = Math.Max(1, _options.MaxBatchSize);
        for (var start = 0; start < images.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Run(model, DecodeEach(images), start, Math.Min(batchSize, images.Count - start), results, cancellationToken);
        }
        return results;
    }

    /// <summary>
    /// The embedding of an image already validated (<paramref name="header"/>) and decoded for imgsmlr (<paramref name="decoded"/>,
    /// from <paramref name="bytes"/> with keepAlpha), without
    /// decoding it at full size again: when the file allows a much smaller decode (a large JPEG: 1/8 steps), that small
    /// decode is used, exactly as for stored images; otherwise the embedding reads <paramref name="decoded"/>'s pixels. Rotated
    /// (EXIF) pictures and GIFs whose first frame is not the whole screen get their own decode, as for stored images.
    /// </summary>
    public async Task<ImageEmbedding> EmbedDecodedAsync(GdDecodedImage decoded, byte[] bytes, ImageHeaderInfo header, CancellationToken cancellationToken)
    {
        var model = await LoadAsync(cancellationToken);
        var spec = Manifest.Input;
        var framing = _preprocessing.Framing;
        var results = new ImageEmbedding[1];
        var reuse = header.Orientation == (int)SkiaSharp.SKEncodedOrigin.TopLeft
                    && decoded.Image.Width == header.Width && decoded.Image.Height == header.Height
                    && !ScaledRgbaDecoder.WouldReduce(bytes, (w, h) =>
                    {
                        var p = EmbeddingPreprocessor.Place(w, h, spec, framing);
                        return (p.ResizedWidth, p.ResizedHeight);
                    });
        Func<int, RgbaPixels> pixels = reuse ? _ => RgbaPixels.FromGd(decoded) : _ => EmbeddingPreprocessor.Decode(bytes, spec, framing);
        await Task.Run(() => Run(model, pixels, 0, 1, results, cancellationToken), cancellationToken);
        return results[0];
    }

    private Func<int, RgbaPixels> DecodeEach(IReadOnlyList<byte[]> images) =>
        n => EmbeddingPreprocessor.Decode(images[n], Manifest.Input, _preprocessing.Framing);

    /// <summary>The preprocessing in use; its <see cref="EmbeddingPreprocessing.Id"/> belongs in version stamps of stored embeddings.</summary>
    public EmbeddingPreprocessing Preprocessing => _preprocessing;

    /// <param name="pixelsOf">The decoded pixels of image <c>first + n</c> (disposed after use).</param>
    private void Run(LoadedModel model, Func<int, RgbaPixels> pixelsOf, int first, int count, ImageEmbedding[] results, CancellationToken cancellationToken)
    {
        var spec = Manifest.Input;
        var size = spec.CentreCrop;
        var perImage = 3 * size * size;
        var passes = _preprocessing.Passes;
        var slot = model.Rent(count * passes);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var input = slot.Input.AsMemory(0, count * passes * perImage);
            // Decode and resize on every core; the mirror copies (second half of the batch) are cheap.
            void Fill(int n)
            {
                var chw = input.Span.Slice(n * perImage, perImage);
                using (var pixels = pixelsOf(first + n)) EmbeddingPreprocessor.Fill(pixels, spec, _preprocessing.Framing, chw);
                if (passes == 2) EmbeddingPreprocessor.Mirror(chw, size, input.Span.Slice((count + n) * perImage, perImage));
            }
            if (_preprocessThreads == 1)
                for (var n = 0; n < count; n++) Fill(n);
            else
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _preprocessThreads, CancellationToken = cancellationToken }, Fill);

            using var cancel = cancellationToken.Register(() => slot.RunOptions.Terminate = true);
            model.Session.Run(slot.RunOptions, model.InputNames, slot.InputValues, model.OutputNames, slot.OutputValues);
            cancellationToken.ThrowIfCancellationRequested();

            var classes = Manifest.Logits.Classes;
            var dims = Dimensions;
            var logits = slot.Logits.AsSpan(0, count * passes * classes);
            var pooled = slot.Pooled.AsSpan(0, count * passes * dims);
            Span<float> meanLogits = stackalloc float[classes];
            for (var n = 0; n < count; n++)
            {
                var vector = new float[dims];
                for (var p = 0; p < passes; p++)
                    Accumulate(pooled.Slice((p * count + n) * dims, dims), model.Scale, model.ZeroPoint, vector);
                Normalise(vector);
                logits.Slice(n * classes, classes).CopyTo(meanLogits);
                for (var p = 1; p < passes; p++)
                    System.Numerics.Tensors.TensorPrimitives.Add(meanLogits, logits.Slice((p * count + n) * classes, classes), meanLogits);
                if (passes > 1) System.Numerics.Tensors.TensorPrimitives.Multiply(meanLogits, 1f / passes, meanLogits);
                results[first + n] = new ImageEmbedding(vector, TopClasses(meanLogits, _options.TopClasses));
            }
            succeeded = true;
        }
        catch (AggregateException e) when (e.InnerException is ImageRejectedException rejected)
        {
            // A picture the validator let through but the decoder could not read: report it as itself, not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(rejected);
        }
        finally
        {
            model.Return(slot);
            Measured(count, started, succeeded);
        }
    }

    /// <summary>vector += (q − zeroPoint) · scale: the pooled uint8 tensor dequantised with the model's own parameters.</summary>
    private static void Accumulate(ReadOnlySpan<byte> quantised, float scale, int zeroPoint, Span<float> vector)
    {
        for (var k = 0; k < vector.Length; k++) vector[k] += (quantised[k] - zeroPoint) * scale;
    }

    private static void Normalise(Span<float> vector)
    {
        double sumSquares = 0;
        foreach (var v in vector) sumSquares += (double)v * v;
        var norm = (float)Math.Sqrt(sumSquares);
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Multiply(vector, 1f / norm, vector);
    }

    /// <summary>The <paramref name="count"/> most likely classes by softmax, most likely first.</summary>
    private static List<ImageNetGuess> TopClasses(ReadOnlySpan<float> logits, int count)
    {
        var max = System.Numerics.Tensors.TensorPrimitives.Max(logits);
        double sum = 0;
        foreach (var v in logits) sum += Math.Exp(v - max);
        count = Math.Min(count, logits.Length);
        Span<int> best = stackalloc int[count];
        var found = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            if (found == count && logits[k] <= logits[best[count - 1]]) continue;
            var at = found < count ? found++ : count - 1;
            while (at > 0 && logits[best[at - 1]] < logits[k]) { best[at] = best[at - 1]; at--; }
            best[at] = k;
        }
        var guesses = new List<ImageNetGuess>(count);
        foreach (var k in best[..found]) guesses.Add(new ImageNetGuess(k, ImageNetLabels.Get(k), (float)(Math.Exp(logits[k] - max) / sum)));
        return guesses;
    }

    private async Task<LoadedModel> LoadAsync(CancellationToken cancellationToken)
    {
        if (_model is { } loaded) return loaded;
        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            if (_model is { } raced) return raced;
            var path = await _store.LocateAsync(cancellationToken);
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            _model = await Task.Run(() => CreateSession(bytes), cancellationToken);
            return _model;
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private LoadedModel CreateSession(byte[] modelBytes)
    {
        var spec = Manifest.Embedding;
        try
        {
            var producer = OnnxGraphEditor.FindProducer(modelBytes, spec.Tensor)
                ?? throw new InvalidDataException($"The model has no tensor '{spec.Tensor}'.");
            // QLinearGlobalAveragePool inputs: X, x_scale, x_zero_point, y_scale, y_zero_point.
            var scale = (float)OnnxGraphEditor.ReadScalarInitializer(modelBytes, producer.Inputs[3]);
            var zeroPoint = (int)OnnxGraphEditor.ReadScalarInitializer(modelBytes, producer.Inputs[4]);
            if (scale != spec.Scale || zeroPoint != spec.ZeroPoint)
                _logger.LogWarning("Model quantisation of {Tensor} ({Scale}, {ZeroPoint}) differs from the manifest; using the model's", spec.Tensor, scale, zeroPoint);
            var edited = OnnxGraphEditor.AddGraphOutput(modelBytes, spec.Tensor, OnnxGraphEditor.ElementTypeUInt8);

            var sessionOptions = new SessionOptions
            {
                IntraOpNumThreads = Math.Max(0, _options.IntraOpThreads),
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            // ONNX Runtime's worker threads spin after each run waiting for more work; here the next work is decoding on
            // the same cores, which the spinning would slow down.
            if (!_options.SpinWait) sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            var session = new InferenceSession(edited, sessionOptions);
            _logger.LogInformation("Loaded {Model} with {Threads} intra-op threads ({Preprocessing})", Manifest.Name, sessionOptions.IntraOpNumThreads, _preprocessing.Id);
            return new LoadedModel(session, sessionOptions, scale, zeroPoint, Manifest);
        }
        catch (Exception e) when (e is InvalidDataException or OnnxRuntimeException)
        {
            throw new ModelUnavailableException(ModelProblem.Unreadable, $"The model file cannot be loaded: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        _model?.Dispose();
        _loadLock.Dispose();
    }

    /// <summary>
    /// The session and, per batch size, input and output buffers with their <see cref="OrtValue"/>s and a
    /// <see cref="RunOptions"/>, reused from call to call (a caller rents one slot for its run, so concurrent callers
    /// never share one).
    /// </summary>
    private sealed class LoadedModel(InferenceSession session, SessionOptions options, float scale, int zeroPoint, ModelManifest manifest) : IDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Collections.Concurrent.ConcurrentBag<Slot>> _slots = new();

        public InferenceSession Session => session;
        public float Scale => scale;
        public int ZeroPoint => zeroPoint;
        public string[] InputNames { get; } = [manifest.Input.Name];
        public string[] OutputNames { get; } = [manifest.Logits.Name, manifest.Embedding.Tensor];

        public Slot Rent(int images) =>
            _slots.GetOrAdd(images, _ => []).TryTake(out var slot) ? slot : new Slot(images, manifest);

        public void Return(Slot slot)
        {
            slot.RunOptions.Terminate = false;
            var bag = _slots.GetOrAdd(slot.Images, _ => []);
            if (bag.Count < 4) bag.Add(slot);
            else slot.Dispose();
        }

        public void Dispose()
        {
            foreach (var bag in _slots.Values)
                while (bag.TryTake(out var slot)) slot.Dispose();
            session.Dispose();
            options.Dispose();
        }
    }

    private sealed class Slot : IDisposable
    {
        public Slot(int images, ModelManifest manifest)
        {
            Images = images;
            var size = manifest.Input.CentreCrop;
            Input = new float[images * 3 * size * size];
            Logits = new float[images * manifest.Logits.Classes];
            Pooled = new byte[images * manifest.Embedding.Dimensions];
            InputValues = [OrtValue.CreateTensorValueFromMemory(Input, [images, 3, size, size])];
            OutputValues =
            [
                OrtValue.CreateTensorValueFromMemory(Logits, [images, manifest.Logits.Classes]),
                OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, Pooled.AsMemory(), [images, manifest.Embedding.Dimensions, 1, 1]),
            ];
        }

        public int Images { get; }
        public float[] Input { get; }
        public float[] Logits { get; }
        public byte[] Pooled { get; }
        public OrtValue[] InputValues { get; }
        public OrtValue[] OutputValues { get; }
        public RunOptions RunOptions { get; } = new();

        public void Dispose()
        {
            foreach (var v in InputValues) v.Dispose();
            foreach (var v in OutputValues) v.Dispose();
            RunOptions.Dispose();
        }
    }
}
