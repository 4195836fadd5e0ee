namespace ImmersiveLab.Ui.Explain;

/// <summary>A parsed EXPLAIN (FORMAT JSON) result.</summary>
public sealed record ExplainPlan(PlanNode Root, double? PlanningTime, double? ExecutionTime, PlanBuffers PlanningBuffers)
{
    public bool IsAnalyzed => Root.ActualTotalTime is not null;
    public IEnumerable<PlanNode> Nodes => Root.DescendantsAndSelf();
    public bool UsesIndex => Nodes.Any(n => n.UsesIndex);
}
