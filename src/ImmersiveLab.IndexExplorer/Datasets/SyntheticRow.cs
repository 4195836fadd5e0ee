namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>One generated row: what goes into the dataset table or its queries table.</summary>
public sealed record SyntheticRow(int Id, string Category, float[] Vector);
