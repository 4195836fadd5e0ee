using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace ImmersiveLab.Imaging;

/// <summary>
/// MobileNetV2 image embeddings with ONNX Runtime. The pooled feature tensor is not a graph output of the
/// Model Zoo file, so the graph is edited in memory to expose it; it is then dequantised with the model's own
/// scale and zero point and L2-normalised. One session, created on first use, is shared by all callers.
/// </summary>
public sealed class ImageEmbedder : IDisposable
{
    private readonly ModelStore _store;
    private readonly ImageValidator _validator;
    private readonly EmbeddingOptions _options;
    private readonly ILogger<ImageEmbedder> _logger;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private LoadedModel? _model;

    public ImageEmbedder(ModelStore store, ImageValidator validator, IOptions<EmbeddingOptions> options, ILogger<ImageEmbedder> logger)
    {
        _store = store;
        _validator = validator;
        _options = options.Value;
        _logger = logger;
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
        var results = new List<ImageEmbedding>(images.Count);
        var batchSize = Math.Max(1, _options.MaxBatchSize);
        for (var start = 0; start < images.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = images.Skip(start).Take(batchSize).ToList();
            results.AddRange(await Task.Run(() => Run(model, batch, cancellationToken), cancellationToken));
        }
        return results;
    }

    private List<ImageEmbedding> Run(LoadedModel model, List<byte[]> batch, CancellationToken cancellationToken)
    {
        var spec = Manifest.Input;
        var perImage = 3 * spec.CentreCrop * spec.CentreCrop;
        var input = new float[batch.Count * perImage];
        for (var n = 0; n < batch.Count; n++)
            EmbeddingPreprocessor.Fill(batch[n], spec, input.AsSpan(n * perImage, perImage));

        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [batch.Count, 3, spec.CentreCrop, spec.CentreCrop]);
        using var outputs = model.Session.Run(runOptions, [spec.Name], [inputValue], [Manifest.Logits.Name, Manifest.Embedding.Tensor]);
        cancellationToken.ThrowIfCancellationRequested();
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        var pooled = outputs[1].GetTensorDataAsSpan<byte>();

        var results = new List<ImageEmbedding>(batch.Count);
        var classes = Manifest.Logits.Classes;
        for (var n = 0; n < batch.Count; n++)
        {
            var vector = Dequantise(pooled.Slice(n * Dimensions, Dimensions), model.Scale, model.ZeroPoint);
            results.Add(new ImageEmbedding(vector, TopClasses(logits.Slice(n * classes, classes), _options.TopClasses)));
        }
        return results;
    }

    private static float[] Dequantise(ReadOnlySpan<byte> quantised, float scale, int zeroPoint)
    {
        var vector = new float[quantised.Length];
        double sumSquares = 0;
        for (var k = 0; k < vector.Length; k++)
        {
            vector[k] = (quantised[k] - zeroPoint) * scale;
            sumSquares += (double)vector[k] * vector[k];
        }
        var norm = (float)Math.Sqrt(sumSquares);
        if (norm > 0)
            for (var k = 0; k < vector.Length; k++) vector[k] /= norm;
        return vector;
    }

    private static List<ImageNetGuess> TopClasses(ReadOnlySpan<float> logits, int count)
    {
        var max = float.MinValue;
        foreach (var v in logits) max = Math.Max(max, v);
        var exp = new double[logits.Length];
        double sum = 0;
        for (var k = 0; k < logits.Length; k++) sum += exp[k] = Math.Exp(logits[k] - max);
        return Enumerable.Range(0, logits.Length)
            .OrderByDescending(k => exp[k])
            .Take(count)
            .Select(k => new ImageNetGuess(k, ImageNetLabels.Get(k), (float)(exp[k] / sum)))
            .ToList();
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
            var session = new InferenceSession(edited, sessionOptions);
            _logger.LogInformation("Loaded {Model} with {Threads} intra-op threads", Manifest.Name, sessionOptions.IntraOpNumThreads);
            return new LoadedModel(session, sessionOptions, scale, zeroPoint);
        }
        catch (Exception e) when (e is InvalidDataException or OnnxRuntimeException)
        {
            throw new ModelUnavailableException(ModelProblem.Unreadable, $"The model file cannot be loaded: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        _model?.Session.Dispose();
        _model?.Options.Dispose();
        _loadLock.Dispose();
    }

    private sealed record LoadedModel(InferenceSession Session, SessionOptions Options, float Scale, int ZeroPoint);
}
