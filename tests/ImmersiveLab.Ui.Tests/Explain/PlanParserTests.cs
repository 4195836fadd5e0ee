using ImmersiveLab.Ui.Explain;

namespace ImmersiveLab.Ui.Tests.Explain;

[CollectionDefinition(nameof(PlanServerCollection))]
public sealed class PlanServerCollection : ICollectionFixture<PlanServerFixture>;

[Collection(nameof(PlanServerCollection))]
public sealed class PlanParserTests(PlanServerFixture server)
{
    [Fact]
    public void A_real_knn_plan_has_an_index_scan_ordered_by_distance()
    {
        var plan = PlanParser.Parse(server.IndexPlanJson);
        Assert.True(plan.IsAnalyzed);
        Assert.True(plan.ExecutionTime > 0);
        Assert.True(plan.PlanningTime > 0);
        Assert.Equal("Limit", plan.Root.NodeType);
        var scan = Assert.Single(plan.Root.Children);
        Assert.Equal("Index Scan", scan.NodeType);
        Assert.Equal("items_embedding_hnsw", scan.IndexName);
        Assert.Equal("items", scan.RelationName);
        Assert.Contains("<->", scan.OrderBy);
        Assert.True(scan.UsesIndex);
        Assert.True(scan.IsKnnIndexScan);
        Assert.Equal(5, plan.Root.ActualRows);
        Assert.Equal(1, scan.ActualLoops);
        Assert.NotNull(scan.ActualTotalTime);
        Assert.True(scan.Buffers.Total > 0, "BUFFERS were requested");
        Assert.Equal("0.0", scan.Id);

        var findings = PlanAnalyzer.Analyze(plan, PlanExpectation.AnyIndex);
        var knn = Assert.Single(findings, f => f.Kind == PlanFindingKind.KnnIndexScan);
        Assert.Equal(scan.Id, knn.NodeId);
        Assert.DoesNotContain(findings, f => f.IsProblem);
    }

    [Fact]
    public void The_plan_before_create_index_is_a_seq_scan_and_sort_flagged_when_an_index_is_expected()
    {
        var plan = PlanParser.Parse(server.SeqScanPlanJson);
        Assert.False(plan.UsesIndex);
        var sort = plan.Nodes.Single(n => n.IsSort);
        Assert.Contains(sort.SortKey, k => k.Contains("<->"));
        Assert.Contains(plan.Nodes, n => n.IsSeqScan && n.RelationName == "items");

        var flagged = Assert.Single(PlanAnalyzer.Analyze(plan, new PlanExpectation("items")), f => f.IsProblem);
        Assert.Equal(PlanFindingKind.SeqScanSortInsteadOfIndex, flagged.Kind);
        Assert.Equal(sort.Id, flagged.NodeId);
        // Without an expectation nothing is flagged: a Seq Scan is fine where the lesson does not ask for an index.
        Assert.DoesNotContain(PlanAnalyzer.Analyze(plan), f => f.IsProblem);
        // Expecting a specific index that is not there flags it too, even on the index plan.
        Assert.Contains(PlanAnalyzer.Analyze(PlanParser.Parse(server.IndexPlanJson), new PlanExpectation("items", "other_index")), f => f.IsProblem);
    }

    [Fact]
    public void Estimates_only_plans_parse_without_actuals()
    {
        const string json = """[{"Plan": {"Node Type": "Seq Scan", "Relation Name": "t", "Startup Cost": 0.0, "Total Cost": 35.5, "Plan Rows": 2550, "Plan Width": 4}}]""";
        var plan = PlanParser.Parse(json);
        Assert.False(plan.IsAnalyzed);
        Assert.Null(plan.Root.ActualRows);
        Assert.Equal(2550, plan.Root.PlanRows);
        Assert.Null(plan.ExecutionTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Seq Scan on t  (cost=0.00..35.50 rows=2550 width=4)")]
    [InlineData("[]")]
    [InlineData("{\"foo\": 1}")]
    [InlineData("[{\"Plan\": {\"Relation Name\": \"t\"}}]")]
    public void Text_that_is_not_a_json_plan_is_refused_with_a_reason(string text)
    {
        var e = Assert.Throws<PlanParseException>(() => PlanParser.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}

public sealed class PlanAnalyzerTests
{
    [Fact]
    public void A_tenfold_misestimate_is_reported_except_under_a_limit()
    {
        const string json = """
        [{"Plan": {"Node Type": "Hash Join", "Plan Rows": 10, "Actual Rows": 5000, "Actual Loops": 1, "Actual Total Time": 3.0,
          "Plans": [
            {"Node Type": "Seq Scan", "Relation Name": "a", "Plan Rows": 100, "Actual Rows": 100, "Actual Loops": 1, "Actual Total Time": 1.0},
            {"Node Type": "Limit", "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 1.0,
             "Plans": [{"Node Type": "Seq Scan", "Relation Name": "b", "Plan Rows": 100000, "Actual Rows": 10, "Actual Loops": 1, "Actual Total Time": 1.0}]}
          ]}}]
        """;
        var findings = PlanAnalyzer.Analyze(PlanParser.Parse(json));
        var mis = Assert.Single(findings, f => f.Kind == PlanFindingKind.Misestimate);
        Assert.Equal("0", mis.NodeId);
    }
}
