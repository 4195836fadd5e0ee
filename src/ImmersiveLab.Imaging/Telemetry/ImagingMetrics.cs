using System.Diagnostics.Metrics;

namespace ImmersiveLab.Imaging;

/// <summary>
/// The imaging meter ("ImmersiveLab.Imaging"): pictures imported (their pattern, signature and embedding computed for
/// storing) and embedded, and how long embedding batches take; the rates of the counters are the throughput.
/// </summary>
public sealed class ImagingMetrics
{
    public const string MeterName = "ImmersiveLab.Imaging";
    private const string OutcomeTag = "immersivelab.outcome";

    private static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _imports;
    private readonly Counter<long> _embeddings;
    private readonly Histogram<double> _embeddingDuration;

    public ImagingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _imports = meter.CreateCounter<long>("immersivelab.image.imports", "{image}",
            "Pictures whose features (pattern, signature, embedding) were computed for storing.");
        _embeddings = meter.CreateCounter<long>("immersivelab.image.embeddings", "{image}", "Pictures embedded with the model.");
        _embeddingDuration = meter.CreateHistogram("immersivelab.image.embedding.duration", "s",
            "Time to embed one batch of pictures (decoding, resizing and the model).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    public void Imported(int images, bool succeeded) => _imports.Add(images, Outcome(succeeded));

    public void Embedded(int images, TimeSpan elapsed, bool succeeded)
    {
        _embeddings.Add(images, Outcome(succeeded));
        _embeddingDuration.Record(elapsed.TotalSeconds, Outcome(succeeded));
    }

    private static KeyValuePair<string, object?> Outcome(bool succeeded) => new(OutcomeTag, succeeded ? "ok" : "error");
}
