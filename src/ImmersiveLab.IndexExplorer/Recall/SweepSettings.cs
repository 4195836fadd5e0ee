namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>What a sweep tries: k, the hnsw.ef_search and ivfflat.probes values, and how many query vectors.</summary>
public sealed record SweepSettings
{
    public int K { get; init; } = 10;
    public IReadOnlyList<int> EfSearch { get; init; } = [10, 20, 40, 80, 160];
    public IReadOnlyList<int> Probes { get; init; } = [1, 2, 4, 8, 16];
    /// <summary>Use at most this many of the dataset's query vectors (null: all).</summary>
    public int? MaxQueries { get; init; }

    public string? Validate(IndexExplorerOptions limits)
    {
        if (K < 1 || K > limits.MaxK) return $"k: 1 to {limits.MaxK}.";
        if (EfSearch.Any(v => v is < 1 or > 1000)) return "hnsw.ef_search: 1 to 1000.";
        if (Probes.Any(v => v is < 1 or > 32768)) return "ivfflat.probes: 1 to 32768.";
        if (MaxQueries is < 1) return "Queries: at least 1.";
        return null;
    }

    /// <summary>Parses "10, 20, 40" (for the form); null if any part is not a whole number.</summary>
    public static IReadOnlyList<int>? ParseList(string? text)
    {
        var values = new List<int>();
        foreach (var part in (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)) return null;
            values.Add(v);
        }
        return values.Distinct().Order().ToList();
    }
}
