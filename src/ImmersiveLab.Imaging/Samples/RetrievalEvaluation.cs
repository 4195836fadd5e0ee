namespace ImmersiveLab.Imaging;

/// <summary>Precision of one category (or of all queries) in a leave-one-out retrieval test.</summary>
public sealed record CategoryPrecision(string Category, int Queries, double PrecisionAt1, double PrecisionAt5);

/// <summary>
/// Leave-one-out retrieval over labelled vectors, as lab 5 measures it: each picture in turn is the query, the others
/// are ranked by distance, and P@k is the share of the k nearest others that have the query's category (P@1: is the
/// single nearest one of the same kind). Ties are broken by position, like <c>ORDER BY distance, id</c>.
/// </summary>
public static class RetrievalEvaluation
{
    public const string All = "(all)";

    /// <summary>Per category (alphabetical), then <see cref="All"/> over every query.</summary>
    public static IReadOnlyList<CategoryPrecision> LeaveOneOut(IReadOnlyList<string> categories, IReadOnlyList<float[]> vectors, Func<float[], float[], double> distance)
    {
        if (categories.Count != vectors.Count) throw new ArgumentException("One category per vector.");
        var hits1 = new double[vectors.Count];
        var hits5 = new double[vectors.Count];
        for (var q = 0; q < vectors.Count; q++)
        {
            var ranked = Enumerable.Range(0, vectors.Count).Where(i => i != q)
                .Select(i => (Index: i, Distance: distance(vectors[q], vectors[i])))
                .OrderBy(t => t.Distance).ThenBy(t => t.Index).Take(5).ToList();
            hits1[q] = ranked.Count > 0 && categories[ranked[0].Index] == categories[q] ? 1 : 0;
            hits5[q] = ranked.Count(t => categories[t.Index] == categories[q]) / 5.0;
        }
        var rows = Enumerable.Range(0, vectors.Count).GroupBy(i => categories[i]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryPrecision(g.Key, g.Count(), g.Average(i => hits1[i]), g.Average(i => hits5[i]))).ToList();
        rows.Add(new CategoryPrecision(All, vectors.Count, hits1.DefaultIfEmpty().Average(), hits5.DefaultIfEmpty().Average()));
        return rows;
    }

    /// <summary>1 − cosine similarity (pgvector's <c>&lt;=&gt;</c>).</summary>
    public static double CosineDistance(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            dot += (double)a[k] * b[k];
            na += (double)a[k] * a[k];
            nb += (double)b[k] * b[k];
        }
        return na == 0 || nb == 0 ? 1 : 1 - dot / Math.Sqrt(na * nb);
    }

    /// <summary>Euclidean distance (pgvector's <c>&lt;-&gt;</c>).</summary>
    public static double L2Distance(float[] a, float[] b)
    {
        double sum = 0;
        for (var k = 0; k < a.Length; k++) sum += (double)(a[k] - b[k]) * (a[k] - b[k]);
        return Math.Sqrt(sum);
    }
}
