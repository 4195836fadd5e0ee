namespace ImmersiveLab.IndexExplorer.Filtering;

/// <summary>
/// A filtered search (WHERE category = …) three ways: exact, through the index with its default settings (the
/// filter runs after the index has handed over its candidates, so a rare category comes back short), and with
/// pgvector 0.8's iterative scan, which keeps scanning the index until k rows pass the filter.
/// </summary>
public sealed record FilteredSearchResult(
    string Table,
    string IndexName,
    string Category,
    long CategoryRows,
    long TableRows,
    int K,
    int Queries,
    FilteredVariant Exact,
    FilteredVariant Plain,
    FilteredVariant Iterative)
{
    public IReadOnlyList<FilteredVariant> Variants => [Exact, Plain, Iterative];
}
