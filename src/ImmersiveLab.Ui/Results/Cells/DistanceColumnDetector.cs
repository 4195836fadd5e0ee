using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>
/// Tells which result columns hold distances: named like *dist*, or computed in the statement's SELECT list with
/// a pgvector/cube distance operator (&lt;-&gt; L2, &lt;#&gt; negative inner product, &lt;=&gt; cosine, &lt;+&gt; L1,
/// &lt;~&gt; Hamming, &lt;%&gt; Jaccard) or distance function.
/// </summary>
public static class DistanceColumnDetector
{
    private static readonly string[] Operators = ["<->", "<#>", "<=>", "<+>", "<~>", "<%>"];
    private static readonly string[] Functions = ["l2_distance", "cosine_distance", "inner_product", "l1_distance", "hamming_distance", "jaccard_distance", "cube_distance", "earth_distance"];

    public static bool IsDistanceName(string name) => name.Contains("dist", StringComparison.OrdinalIgnoreCase);

    public static bool IsDistanceExpression(string expression) =>
        Operators.Any(o => expression.Contains(o, StringComparison.Ordinal))
        || Functions.Any(f => expression.Contains(f, StringComparison.OrdinalIgnoreCase));

    /// <summary>One flag per column, true for distance-like columns.</summary>
    public static bool[] Detect(string? sql, IReadOnlyList<ResultColumn> columns)
    {
        var flags = columns.Select(c => IsDistanceName(c.Name)).ToArray();
        if (string.IsNullOrWhiteSpace(sql)) return flags;
        var items = SelectListReader.Read(sql);
        if (items is null) return flags;

        var starAt = -1;
        for (var i = 0; i < items.Count; i++) if (items[i].IsStar) { starAt = i; break; }
        if (starAt < 0 && items.Count == columns.Count)
        {
            for (var i = 0; i < items.Count; i++) flags[i] |= IsDistanceExpression(items[i].Code);
            return flags;
        }
        if (starAt >= 0 && items.Count(i => i.IsStar) == 1)
        {
            // Items before the star line up from the start, items after it from the end.
            for (var i = 0; i < starAt && i < columns.Count; i++) flags[i] |= IsDistanceExpression(items[i].Code);
            for (int i = items.Count - 1, c = columns.Count - 1; i > starAt && c >= 0; i--, c--)
                flags[c] |= IsDistanceExpression(items[i].Code);
            return flags;
        }
        // Otherwise match by output name.
        foreach (var item in items.Where(i => !i.IsStar && IsDistanceExpression(i.Code) && i.OutputName is not null))
            for (var c = 0; c < columns.Count; c++)
                if (columns[c].Name == item.OutputName) flags[c] = true;
        return flags;
    }
}
