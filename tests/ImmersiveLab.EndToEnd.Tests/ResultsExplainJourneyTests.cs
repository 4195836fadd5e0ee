using ImmersiveLab.Labs;
using Microsoft.Playwright;
using static ImmersiveLab.BrowserSupport.LabCellDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>Lab 6 in the browser: a learner indexes signatures with HNSW, explains a KNN query and sees the index scan highlighted.</summary>
[Collection(nameof(LabAppCollection))]
public sealed class ResultsExplainJourneyTests(LabAppFixture app)
{
    private const string Lab = "hnsw-ivfflat";
    private const string CellId = "photos";

    // 50 rows are cheaper to scan than to search through an index: like lab 5, make the planner show the index plan.
    private const string IndexAndKnnSql = """
        DROP TABLE IF EXISTS knn_signatures;
        CREATE TABLE knn_signatures AS SELECT id, signature FROM lab.sample_images;
        CREATE INDEX knn_signatures_hnsw ON knn_signatures USING hnsw (signature vector_l2_ops);
        ANALYZE knn_signatures;
        SET enable_seqscan = off;
        SELECT id FROM knn_signatures ORDER BY signature <-> (SELECT signature FROM knn_signatures WHERE id = 1) LIMIT 5;
        """;

    private static int StepOf(string cellId) => LabCellDriver.StepOfCell(Lab, cellId);

    [Fact]
    public async Task Explaining_a_knn_query_highlights_the_index_scan_and_its_order_by()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/labs/{Lab}/{StepOf(CellId)}");
        await TypeAndRunAsync(page, CellId, IndexAndKnnSql);

        var knnResult = Cell(page, CellId).Locator(".il-result[data-statement='5']");
        await Assertions.Expect(knnResult.Locator("table")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await knnResult.Locator(".il-explain-button").ClickAsync();

        var plan = knnResult.Locator(".il-plan");
        await Assertions.Expect(plan).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var knn = plan.Locator(".il-plan-node.il-plan-index.il-plan-knn");
        await Assertions.Expect(knn).ToHaveCountAsync(1);
        await Assertions.Expect(knn).ToHaveAttributeAsync("data-node-type", "Index Scan");
        await Assertions.Expect(knn.Locator(".il-plan-index-name").First).ToHaveTextAsync("knn_signatures_hnsw");
        await Assertions.Expect(knn.Locator("> .il-plan-orderby")).ToContainTextAsync("signature <->");
        await Assertions.Expect(knn.Locator("> .il-plan-line")).ToHaveCSSAsync("background-color", "rgba(76, 175, 80, 0.12)");

        // The query point's lookup is a plain scan: not highlighted.
        var lookup = plan.Locator(".il-plan-node.il-plan-seqscan");
        await Assertions.Expect(lookup).ToHaveCountAsync(1);
        await Assertions.Expect(lookup).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("il-plan-index"));
        await Assertions.Expect(lookup.Locator("> .il-plan-line")).ToHaveCSSAsync("background-color", "rgba(0, 0, 0, 0)");
        await app.ScreenshotAsync(page, "results-explain-knn.png");
    }
}
