using ImmersiveLab.Labs;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Ui.Explain;
using ImmersiveLab.Web.Components.Workbook;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>A lab cell's <c>expects-index</c> becomes the plan view's expectation: a Seq Scan + Sort is then flagged.</summary>
public sealed class CellPlanExpectationTests
{
    private const string SeqScanAndSort = """
        [{"Plan": {"Node Type": "Limit", "Plan Rows": 10, "Plans": [
          {"Node Type": "Sort", "Plan Rows": 30000, "Sort Key": ["((items.v <-> $0))"], "Plans": [
            {"Node Type": "Seq Scan", "Relation Name": "items", "Alias": "items", "Plan Rows": 30000}]}]}}]
        """;

    [Fact]
    public void The_filtered_hnsw_query_of_lab_6_expects_its_index_and_a_seq_scan_is_flagged()
    {
        var labs = new LabLoader(new LabValidator(RepoPaths.SampleImages), NullLogger<LabLoader>.Instance).LoadAll(RepoPaths.Labs);
        var cell = labs.Labs.Single(l => l.Id == "hnsw-ivfflat").Document("en").Cells.Single(c => c.Id == "filtered-default");

        var expectation = CellPlanExpectation.For(cell);

        Assert.Equal(new PlanExpectation("items", "items_v_hnsw"), expectation);
        var finding = Assert.Single(PlanAnalyzer.Analyze(PlanParser.Parse(SeqScanAndSort), expectation),
            f => f.Kind == PlanFindingKind.SeqScanSortInsteadOfIndex);
        Assert.Contains("This lesson expects the index items_v_hnsw", finding.Message);
        Assert.Empty(PlanAnalyzer.Analyze(PlanParser.Parse(SeqScanAndSort), CellPlanExpectation.For(cell with { Fence = cell.Fence with { Options = [] } })));
    }
}
