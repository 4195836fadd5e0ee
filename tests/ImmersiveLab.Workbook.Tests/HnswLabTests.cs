using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>
/// Lab 6 on the real cluster: its generated data is the template's copy (which its later steps' setup cells copy), and
/// its recall measurements refuse to report when the index they measure is missing.
/// </summary>
[Collection(nameof(WorkbookCollection))]
public sealed class HnswLabTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private SqlCell Cell(string id) => fixture.Get<ILabCatalog>().Find("hnsw-ivfflat")!.Document("en").FindCell(id)!;

    private async Task<CellRunResult> RunAsync(ImmersiveLab.Sandbox.Learners.LearnerRef learner, string sql)
    {
        var result = await fixture.Get<SqlRunner>().RunAsync(learner, sql, Ct);
        return result;
    }

    [Fact]
    public async Task The_generate_cell_makes_exactly_the_rows_the_template_keeps_for_the_later_steps()
    {
        var learner = await fixture.NewLearnerAsync();

        var generated = await RunAsync(learner, Cell("generate").Sql);
        var compared = await RunAsync(learner, """
            SELECT (SELECT count(*) FROM items) AS items,
                   (SELECT count(*) FROM items i JOIN lab.items l USING (id)
                    WHERE i.v = l.v AND i.category = l.category AND i.cluster = l.cluster) AS same_items,
                   (SELECT count(*) FROM queries q JOIN lab.queries l USING (qid) WHERE q.v = l.v) AS same_queries
            """);

        Assert.True(generated.Succeeded, generated.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
        Assert.Equal([30000L, 30000L, 50L], compared.Statements[^1].Rows[0]);
    }

    [Fact]
    public async Task The_recall_cell_refuses_to_measure_an_exact_scan_when_the_index_is_missing()
    {
        var learner = await fixture.NewLearnerAsync();
        var step = fixture.Get<ILabCatalog>().Find("hnsw-ivfflat")!.Document("en").Steps.First(s => s.Cells.Any(c => c.Id == "recall-hnsw"));
        foreach (var setup in step.Cells.Where(c => c.Kind == SqlCellKind.Setup))
            Assert.True((await RunAsync(learner, setup.Sql)).Succeeded);

        var measured = await RunAsync(learner, Cell("recall-hnsw").Sql);
        Assert.True(measured.Succeeded);
        var recall = Convert.ToDecimal(measured.Statements[^1].Rows[0][1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(recall, 0.3m, 0.99m); // approximate: the HNSW index answered

        // As after a build stopped by a timeout: no index, so the same query would be an exact scan (recall 1.0).
        await RunAsync(learner, "DROP INDEX items_v_hnsw;");
        var refused = await RunAsync(learner, Cell("recall-hnsw").Sql);

        var error = refused.Statements.Single(s => s.Error is not null).Error!;
        Assert.Equal("55000", error.SqlState);
        Assert.Contains("does not use the index items_v_hnsw", error.Message);
        Assert.DoesNotContain(refused.Statements, s => s.Sql.Contains("recall_at_10") && s.HasRows);
    }
}
