using System.Globalization;

namespace ImmersiveLab.Ui.Explain;

/// <summary>Finds the teachable facts of a plan: index use, KNN ordering, a Seq Scan + Sort where an index was expected.</summary>
public static class PlanAnalyzer
{
    public static IReadOnlyList<PlanFinding> Analyze(ExplainPlan plan, PlanExpectation? expectation = null)
    {
        var findings = new List<PlanFinding>();
        // Under a Limit, a node's estimate is for a complete run while execution stops early: no misestimate there.
        var stoppedEarly = plan.Nodes.Where(n => n.NodeType == "Limit").SelectMany(n => n.DescendantsAndSelf().Skip(1)).Select(n => n.Id).ToHashSet();
        foreach (var node in plan.Nodes)
        {
            if (node.IsKnnIndexScan)
                findings.Add(new(PlanFindingKind.KnnIndexScan, node.Id,
                    $"{node.NodeType} using {node.IndexName} returns rows already ordered by {node.OrderBy}: the nearest neighbours come first, no sort needed."));
            else if (node.UsesIndex)
                findings.Add(new(PlanFindingKind.IndexScan, node.Id, $"{node.NodeType} using {node.IndexName ?? "an index"}{On(node)}."));

            if (node.ActualRows is not null && node.WasExecuted && !stoppedEarly.Contains(node.Id) && node.EstimateRatio is { } r && (r >= 10 || r <= 0.1) && Math.Max(node.PlanRows, node.ActualRows.Value) >= 10)
                findings.Add(new(PlanFindingKind.Misestimate, node.Id,
                    string.Create(CultureInfo.InvariantCulture, $"The planner estimated {node.PlanRows:0} rows, {node.NodeType} produced {node.ActualRows:0.##} per loop.")));
        }

        if (expectation is not null && !plan.Nodes.Any(n => n.UsesIndex && expectation.Matches(n)))
        {
            var sortOverSeqScan = plan.Nodes.FirstOrDefault(n => n.IsSort && n.DescendantsAndSelf().Any(d => d.IsSeqScan && MatchesRelation(expectation, d)));
            if (sortOverSeqScan is not null)
            {
                var scan = sortOverSeqScan.DescendantsAndSelf().First(d => d.IsSeqScan && MatchesRelation(expectation, d));
                findings.Add(new(PlanFindingKind.SeqScanSortInsteadOfIndex, sortOverSeqScan.Id,
                    $"Seq Scan on {scan.RelationName} + Sort by {string.Join(", ", sortOverSeqScan.SortKey)}: every row is read and sorted. " +
                    $"This lesson expects {(expectation.IndexName is { } ix ? "the index " + ix : "an index scan")} here — is the index created, and does the ORDER BY use its operator?"));
            }
            else
            {
                findings.Add(new(PlanFindingKind.ExpectedIndexNotUsed, plan.Root.Id,
                    $"No node uses {(expectation.IndexName is { } ix ? "the index " + ix : "an index")}{(expectation.Relation is { } rel ? " on " + rel : "")}, which this lesson expects."));
            }
        }
        return findings;
    }

    private static bool MatchesRelation(PlanExpectation e, PlanNode n) =>
        e.Relation is null || string.Equals(n.RelationName, e.Relation, StringComparison.OrdinalIgnoreCase);

    private static string On(PlanNode n) => n.RelationName is null ? "" : " on " + n.RelationName;
}
