namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>A row a search returned and its distance to the query.</summary>
public readonly record struct Neighbor(long Id, double Distance);
