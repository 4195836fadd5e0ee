using ImmersiveLab.IndexExplorer.Resources;
using ImmersiveLab.IndexExplorer.Sql;

namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>Checks a <see cref="DatasetSpec"/> against the configured limits; returns the problems (empty: fine), in the UI language.</summary>
public static class DatasetSpecValidator
{
    public static IReadOnlyList<string> Validate(DatasetSpec spec, IndexExplorerOptions limits)
    {
        var problems = new List<string>();
        if (SqlIdentifier.ValidateTableName(spec.TableName) is { } nameError) problems.Add(ExplorerStrings.Text("Invalid_TableName", nameError));
        if (spec.Rows < 1 || spec.Rows > limits.MaxRows) problems.Add(ExplorerStrings.Text("Invalid_Rows", limits.MaxRows.ToString("N0")));
        if (spec.Shape != DatasetShape.Samples && (spec.Dimensions < 1 || spec.Dimensions > limits.MaxDimensions))
            problems.Add(ExplorerStrings.Text("Invalid_Dimensions", limits.MaxDimensions));
        if (spec.Queries < 1 || spec.Queries > limits.MaxQueries) problems.Add(ExplorerStrings.Text("Invalid_Queries", limits.MaxQueries));
        if (spec.Shape == DatasetShape.Clustered && (spec.Clusters < 1 || spec.Clusters > limits.MaxClusters))
            problems.Add(ExplorerStrings.Text("Invalid_Clusters", limits.MaxClusters));
        if (spec.ClusterSpread is < 0 or > 10 || double.IsNaN(spec.ClusterSpread)) problems.Add(ExplorerStrings.Text("Invalid_Spread"));
        if (spec.SampleNoise is < 0 or > 10 || double.IsNaN(spec.SampleNoise)) problems.Add(ExplorerStrings.Text("Invalid_Noise"));
        if (spec.Categories is < 1 or > 99) problems.Add(ExplorerStrings.Text("Invalid_Categories"));
        if (spec.RareCategoryFraction is < 0 or > 0.5 || double.IsNaN(spec.RareCategoryFraction)) problems.Add(ExplorerStrings.Text("Invalid_RareShare"));
        return problems;
    }
}
