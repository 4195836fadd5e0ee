using ImmersiveLab.IndexExplorer.Sql;

namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>Checks a <see cref="DatasetSpec"/> against the configured limits; returns the problems (empty: fine).</summary>
public static class DatasetSpecValidator
{
    public static IReadOnlyList<string> Validate(DatasetSpec spec, IndexExplorerOptions limits)
    {
        var problems = new List<string>();
        if (SqlIdentifier.ValidateTableName(spec.TableName) is { } nameError) problems.Add("Table name: " + nameError);
        if (spec.Rows < 1 || spec.Rows > limits.MaxRows) problems.Add($"Rows: 1 to {limits.MaxRows:N0}.");
        if (spec.Shape != DatasetShape.Samples && (spec.Dimensions < 1 || spec.Dimensions > limits.MaxDimensions))
            problems.Add($"Dimensions: 1 to {limits.MaxDimensions}.");
        if (spec.Queries < 1 || spec.Queries > limits.MaxQueries) problems.Add($"Queries: 1 to {limits.MaxQueries}.");
        if (spec.Shape == DatasetShape.Clustered && (spec.Clusters < 1 || spec.Clusters > limits.MaxClusters))
            problems.Add($"Clusters: 1 to {limits.MaxClusters}.");
        if (spec.ClusterSpread is < 0 or > 10 || double.IsNaN(spec.ClusterSpread)) problems.Add("Cluster spread: 0 to 10.");
        if (spec.SampleNoise is < 0 or > 10 || double.IsNaN(spec.SampleNoise)) problems.Add("Sample noise: 0 to 10.");
        if (spec.Categories is < 1 or > 99) problems.Add("Categories: 1 to 99.");
        if (spec.RareCategoryFraction is < 0 or > 0.5 || double.IsNaN(spec.RareCategoryFraction)) problems.Add("Rare category share: 0 to 0.5.");
        return problems;
    }
}
