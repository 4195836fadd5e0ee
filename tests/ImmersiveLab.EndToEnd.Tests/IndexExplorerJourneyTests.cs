using Microsoft.Playwright;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>The index explorer in the real app: generate a dataset, build an index with a live progress bar, see the chart.</summary>
[Collection(nameof(LabAppCollection))]
public sealed class IndexExplorerJourneyTests(LabAppFixture app)
{
    [Fact]
    public async Task Generate_build_with_live_progress_and_see_the_recall_chart()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync("/explorer");
        // Ready once the live circuit has found the learner's sandbox (created on first use).
        await Assertions.Expect(page.GetByTestId("index-explorer")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 90_000 });

        var table = $"e2e_{Guid.NewGuid():N}"[..12];
        await FillAsync(page, "dataset-name", table);
        // Big enough that the HNSW build runs for a few seconds: the progress bar must be seen while it runs.
        await FillAsync(page, "dataset-rows", "20000");
        await FillAsync(page, "dataset-dims", "32");
        await page.GetByTestId("generate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-summary")).ToContainTextAsync($"public.{table}", new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("dataset-summary")).ToContainTextAsync("20,000 rows");

        await page.GetByTestId("build").ClickAsync();
        var progress = page.GetByTestId("build-progress");
        await Assertions.Expect(progress).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("build-phase")).ToContainTextAsync("building index", new() { Timeout = 30_000 });
        await app.ScreenshotAsync(page, "explorer-build-progress.png");

        var row = page.Locator($"[data-testid=index-table] tr[data-index={table}_hnsw_l2_m16_ef64]");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(progress).ToHaveCountAsync(0);

        await FillAsync(page, "sweep-ef", "10, 40");
        await page.GetByTestId("sweep").ClickAsync();
        var chart = page.GetByTestId("recall-chart");
        await Assertions.Expect(chart).ToBeVisibleAsync(new() { Timeout = 120_000 });
        // Two ef_search points and the exact reference, drawn as SVG.
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-points", "3");
        await Assertions.Expect(chart.Locator("svg circle")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("sweep-table")).ToContainTextAsync("hnsw.ef_search = 40");

        var sql = page.GetByTestId("sql-transcript");
        await Assertions.Expect(sql).ToContainTextAsync($"CREATE INDEX {table}_hnsw_l2_m16_ef64 ON public.{table} USING hnsw");
        await Assertions.Expect(sql).ToContainTextAsync("SET LOCAL hnsw.ef_search = 40");
        await app.ScreenshotAsync(page, "explorer-recall-chart.png");
    }

    private static async Task FillAsync(IPage page, string testId, string value)
    {
        // MudBlazor puts extra attributes on the <input> of some fields and on the wrapper of others.
        var input = page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }
}
