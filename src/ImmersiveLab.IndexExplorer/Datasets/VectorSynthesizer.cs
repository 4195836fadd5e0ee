namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>
/// Produces a dataset's rows and its held-out queries, deterministically from the spec's seed, one row at a time
/// (100 000 × 1280 floats would be half a gigabyte at once). Queries come from the same distribution as the rows
/// but from their own random stream, so none of them is in the table.
/// </summary>
public sealed class VectorSynthesizer
{
    private readonly DatasetSpec _spec;
    private readonly IReadOnlyList<(string Category, float[] Vector)>? _samples;
    private readonly float[][]? _centres;

    private VectorSynthesizer(DatasetSpec spec, int dimensions, IReadOnlyList<(string, float[])>? samples)
    {
        _spec = spec;
        Dimensions = dimensions;
        _samples = samples;
        if (spec.Shape == DatasetShape.Clustered)
        {
            var random = new Random(spec.Seed + 1);
            _centres = Enumerable.Range(0, spec.Clusters).Select(_ => Uniform(random, dimensions)).ToArray();
        }
    }

    public int Dimensions { get; }

    /// <summary>Categories of generated data: c01…cNN and <see cref="DatasetSpec.RareCategory"/>.</summary>
    public IReadOnlyList<string> CategoryNames =>
        _samples is not null
            ? _samples.Select(s => s.Category).Distinct().Order(StringComparer.Ordinal).ToList()
            : [.. Enumerable.Range(1, _spec.Categories).Select(CommonCategory), DatasetSpec.RareCategory];

    public static VectorSynthesizer Generated(DatasetSpec spec)
    {
        if (spec.Shape == DatasetShape.Samples) throw new ArgumentException("Use FromSamples for the sample embeddings.", nameof(spec));
        return new VectorSynthesizer(spec, spec.Dimensions, null);
    }

    public static VectorSynthesizer FromSamples(DatasetSpec spec, IReadOnlyList<(string Category, float[] Vector)> samples)
    {
        if (samples.Count == 0) throw new InvalidOperationException("There are no sample embeddings (lab.sample_images.embedding is empty).");
        var d = samples[0].Vector.Length;
        if (samples.Any(s => s.Vector.Length != d)) throw new InvalidOperationException("The sample embeddings differ in dimension.");
        return new VectorSynthesizer(spec with { Shape = DatasetShape.Samples }, d, samples);
    }

    public IEnumerable<SyntheticRow> Rows() => Produce(_spec.Rows, new Random(_spec.Seed), heldOut: false);

    public IEnumerable<SyntheticRow> Queries() => Produce(_spec.Queries, new Random(_spec.Seed ^ 0x5EED), heldOut: true);

    private IEnumerable<SyntheticRow> Produce(int count, Random random, bool heldOut)
    {
        var gaussian = new Gaussian(random);
        for (var i = 0; i < count; i++)
        {
            if (_samples is not null)
            {
                var (category, sample) = _samples[i % _samples.Count];
                // The table starts with the originals; further rows (and every query) are noisy copies.
                var noisy = heldOut || i >= _samples.Count;
                yield return new SyntheticRow(i + 1, category, noisy ? AddNoise(sample, gaussian) : (float[])sample.Clone());
                continue;
            }
            var vector = _centres is null
                ? Uniform(random, Dimensions)
                : AroundCentre(_centres[random.Next(_centres.Length)], gaussian, _spec.ClusterSpread);
            yield return new SyntheticRow(i + 1, CategoryOf(i, random), vector);
        }
    }

    /// <summary>
    /// Exactly ⌊n·fraction⌋ rows of every n are rare, evenly spread (row i is rare when ⌊(i+1)f⌋ &gt; ⌊if⌋), so a
    /// small dataset still has a predictable number of them; the rest are spread over the common categories.
    /// </summary>
    private string CategoryOf(int i, Random random)
    {
        var f = _spec.RareCategoryFraction;
        if (Math.Floor((i + 1) * f) > Math.Floor(i * f)) return DatasetSpec.RareCategory;
        return CommonCategory(random.Next(_spec.Categories) + 1);
    }

    private static string CommonCategory(int n) => "c" + n.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private float[] AddNoise(float[] sample, Gaussian gaussian)
    {
        double norm = 0;
        foreach (var x in sample) norm += (double)x * x;
        var sigma = _spec.SampleNoise * Math.Sqrt(norm / sample.Length);
        var result = new float[sample.Length];
        for (var j = 0; j < sample.Length; j++) result[j] = (float)(sample[j] + sigma * gaussian.Next());
        return result;
    }

    private static float[] Uniform(Random random, int d)
    {
        var v = new float[d];
        for (var j = 0; j < d; j++) v[j] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }

    private static float[] AroundCentre(float[] centre, Gaussian gaussian, double spread)
    {
        var v = new float[centre.Length];
        for (var j = 0; j < v.Length; j++) v[j] = (float)(centre[j] + spread * gaussian.Next());
        return v;
    }
}
