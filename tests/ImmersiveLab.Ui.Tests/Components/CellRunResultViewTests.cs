using System.Collections;
using Pgvector;
using static ImmersiveLab.Ui.Tests.Support.StatementResults;

namespace ImmersiveLab.Ui.Tests.Components;

public sealed class CellRunResultViewTests
{
    [Fact]
    public async Task Every_statement_gets_its_own_view_and_session_state_is_explained()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var run = new CellRunResult
        {
            Statements =
            [
                new StatementResult { Index = 0, Sql = "BEGIN", StartLine = 1, CommandTag = "BEGIN" },
                Of("SELECT 1", [Col("?column?", "integer")], [1]) with { Index = 1, StartLine = 2 },
                new StatementResult { Index = 2, Sql = "SELECT x", StartLine = 3, Error = new SqlError("column \"x\" does not exist", "42703", Line: 3, Column: 8) },
            ],
            SessionWasReset = true,
            Transaction = TransactionStatus.Failed,
        };
        var cut = ctx.Render<CellRunResultView>(p => p.Add(x => x.Run, run).Add(x => x.LearnerId, UiTestContext.Learner));
        Assert.Equal(["0", "1", "2"], cut.FindAll(".il-result").Select(r => r.GetAttribute("data-statement")));
        Assert.Single(cut.FindAll(".il-result-grid"));
        Assert.Contains("42703", cut.Find(".il-error").TextContent);
        Assert.Contains("temporary tables", cut.Find(".il-run-reset").TextContent);
        Assert.Contains("ROLLBACK", cut.Find(".il-run-transaction").TextContent);
        Assert.Empty(cut.FindAll(".il-run-cancelled"));
    }

    [Fact]
    public async Task A_session_the_lab_closed_says_why()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var run = new CellRunResult
        {
            Statements = [Of("SELECT 1", [Col("?column?", "integer")], [1])],
            SessionWasReset = true,
            SessionResetReason = "Your session was closed after 30 min without use; a new one was opened.",
        };
        var cut = ctx.Render<CellRunResultView>(p => p.Add(x => x.Run, run).Add(x => x.LearnerId, UiTestContext.Learner));
        Assert.Contains("after 30 min without use", cut.Find(".il-run-reset").TextContent);
        Assert.DoesNotContain("had been lost", cut.Find(".il-run-reset").TextContent);
    }

    [Fact]
    public async Task Bit_sparse_and_cube_values_render_as_vectors()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var result = Of("SELECT b, s, c FROM x", [Col("b", "bit(4)"), Col("s", "sparsevec"), Col("c", "cube")],
            [new BitArray(new[] { true, false, false, true }), new SparseVector("{3:2.5}/1000"), "(1, 2),(3, 4)"]);
        var cut = ctx.Render<ResultView>(p => p.Add(x => x.Result, result).Add(x => x.LearnerId, UiTestContext.Learner));
        var cells = cut.FindAll("tr.il-row td.il-td");
        Assert.Equal("4 bits", cells[0].QuerySelector(".il-vector-dims")!.TextContent);
        Assert.Equal("1001", cells[0].QuerySelector(".il-vector-preview")!.TextContent);
        Assert.Equal(["#212121", "#f5f5f5", "#f5f5f5", "#212121"], cells[0].QuerySelectorAll("rect").Select(r => r.GetAttribute("fill")));
        Assert.Equal("1000d · 1 nnz", cells[1].QuerySelector(".il-vector-dims")!.TextContent);
        Assert.Equal("{3:2.5}/1000", cells[1].QuerySelector(".il-vector-preview")!.TextContent);
        Assert.Equal("2d box", cells[2].QuerySelector(".il-vector-dims")!.TextContent);
    }
}
