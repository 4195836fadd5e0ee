namespace ImmersiveLab.Ui.Explain;

public enum PlanFindingKind
{
    /// <summary>A KNN index scan: the index returns rows nearest-first, no sort needed.</summary>
    KnnIndexScan,
    IndexScan,
    /// <summary>A Seq Scan feeding a Sort where the lesson expected an index: every row's distance is computed and sorted.</summary>
    SeqScanSortInsteadOfIndex,
    /// <summary>The lesson expected an index, and no node uses it.</summary>
    ExpectedIndexNotUsed,
    /// <summary>The planner's row estimate was off by 10× or more.</summary>
    Misestimate,
}

/// <summary>Something worth telling the learner about a plan, attached to a node.</summary>
public sealed record PlanFinding(PlanFindingKind Kind, string NodeId, string Message)
{
    public bool IsProblem => Kind is PlanFindingKind.SeqScanSortInsteadOfIndex or PlanFindingKind.ExpectedIndexNotUsed;
}
