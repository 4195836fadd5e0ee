using ImmersiveLab.IndexExplorer.Datasets;

namespace ImmersiveLab.IndexExplorer.Indexes;

/// <summary>The SQL text of builds and searches: the very statements shown to the learner.</summary>
public static class IndexSql
{
    public static string CreateIndex(DatasetInfo dataset, IndexSpec spec)
    {
        var name = spec.NameFor(dataset.TableName);
        return spec.Kind switch
        {
            IndexKind.Hnsw =>
                $"CREATE INDEX {name} ON {dataset.QualifiedTable} USING hnsw ({DatasetInfo.VectorColumn} {spec.Metric.OperatorClass()}) WITH (m = {spec.M}, ef_construction = {spec.EfConstruction})",
            IndexKind.IvfFlat =>
                $"CREATE INDEX {name} ON {dataset.QualifiedTable} USING ivfflat ({DatasetInfo.VectorColumn} {spec.Metric.OperatorClass()}) WITH (lists = {spec.Lists})",
            IndexKind.Gist =>
                $"CREATE INDEX {name} ON {dataset.QualifiedTable} USING gist ({DatasetInfo.CubeColumn})",
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
    }

    /// <summary>
    /// The k nearest rows to query vector $1 (an id of the queries table), with their distances; with
    /// <paramref name="filtered"/>, only rows of category $2. The query vector is a scalar subquery, so the statement
    /// runs as shown in a cell, and the planner can still use an index for the ORDER BY.
    /// </summary>
    public static string Search(DatasetInfo dataset, SearchTarget target, int k, bool filtered = false)
    {
        var (column, queryVector) = target.UsesCube
            ? (DatasetInfo.CubeColumn, $"cube({DatasetInfo.VectorColumn}::real[]::float8[])")
            : (DatasetInfo.VectorColumn, DatasetInfo.VectorColumn);
        var where = filtered ? "\nWHERE category = $2" : "";
        return $"""
            SELECT id, {column} {target.Operator} (SELECT {queryVector} FROM {dataset.QualifiedQueryTable} WHERE id = $1) AS distance
            FROM {dataset.QualifiedTable}{where}
            ORDER BY distance
            LIMIT {k}
            """;
    }
}

/// <summary>What a search orders by: a metric on the vector column, or Euclidean distance on the cube copy.</summary>
public sealed record SearchTarget(DistanceMetric Metric, bool UsesCube)
{
    public string Operator => UsesCube ? "<->" : Metric.Operator();

    public static SearchTarget For(IndexKind kind, DistanceMetric metric) => new(metric, kind == IndexKind.Gist);
}
