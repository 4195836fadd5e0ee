namespace ImmersiveLab.Ui.Explain;

/// <summary>One node of an execution plan, with the fields a lesson talks about. Actual values are null without ANALYZE.</summary>
public sealed record PlanNode
{
    public required string NodeType { get; init; }
    /// <summary>A stable path for the node in its tree ("0", "0.1", "0.1.0").</summary>
    public required string Id { get; init; }
    public string? ParentRelationship { get; init; }
    public string? RelationName { get; init; }
    public string? Schema { get; init; }
    public string? Alias { get; init; }
    public string? IndexName { get; init; }
    public string? JoinType { get; init; }
    public string? Strategy { get; init; }
    /// <summary>An index scan's ordering expression: present for KNN (nearest-neighbour) index scans.</summary>
    public string? OrderBy { get; init; }
    public string? IndexCondition { get; init; }
    public string? Filter { get; init; }
    public double? RowsRemovedByFilter { get; init; }
    public IReadOnlyList<string> SortKey { get; init; } = [];
    public string? SortMethod { get; init; }
    public double StartupCost { get; init; }
    public double TotalCost { get; init; }
    public double PlanRows { get; init; }
    public double? ActualStartupTime { get; init; }
    public double? ActualTotalTime { get; init; }
    public double? ActualRows { get; init; }
    public double? ActualLoops { get; init; }
    public PlanBuffers Buffers { get; init; } = PlanBuffers.None;
    public IReadOnlyList<PlanNode> Children { get; init; } = [];

    /// <summary>Index Scan, Index Only Scan or Bitmap Index Scan.</summary>
    public bool UsesIndex => IndexName is not null || NodeType.Contains("Index", StringComparison.Ordinal);
    public bool IsKnnIndexScan => UsesIndex && OrderBy is not null;
    public bool IsSeqScan => NodeType == "Seq Scan";
    public bool IsSort => NodeType is "Sort" or "Incremental Sort";
    public bool WasExecuted => ActualLoops is null or > 0;

    /// <summary>Time spent in this node over all loops (ms), children included.</summary>
    public double? TotalTimeAllLoops => ActualTotalTime * Math.Max(1, ActualLoops ?? 1);

    /// <summary>How far the planner's row estimate was off: actual ÷ estimated (per loop), ≥1 means underestimated.</summary>
    public double? EstimateRatio => ActualRows is { } a ? (a == 0 && PlanRows == 0 ? 1 : (a + 0.0) / Math.Max(PlanRows, 0.5)) : null;

    public IEnumerable<PlanNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
            foreach (var n in child.DescendantsAndSelf()) yield return n;
    }
}
