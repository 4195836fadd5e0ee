using ImmersiveLab.BrowserSupport;
using Microsoft.Playwright;

namespace ImmersiveLab.Bench.ResultsRender;

/// <summary>One learner in Debian's Chromium with the query typed into a lab cell, clicking Run again and again.</summary>
public sealed class BrowserRun : IAsyncDisposable
{
    // Lab 6's first cell is a plain editable cell: no exercise check runs after it (that would be timed too).
    private const string LabId = "hnsw-ivfflat";
    private const string CellId = "photos";

    /// <summary>
    /// In the page: click Run, then poll until the cell shows a new gallery of <c>n</c> cards whose thumbnails have all
    /// loaded. Times are performance.now() milliseconds from the click; thumbnail times come from Resource Timing.
    /// </summary>
    private const string ClickAndWaitJs = """
        async ({ cellId, n }) => {
          const cell = document.querySelector(`[data-testid=sql-cell][data-cell-id='${cellId}']`);
          const old = new Set(cell.querySelectorAll('img'));
          performance.clearResourceTimings();
          const t0 = performance.now();
          cell.querySelector('[data-testid=run-cell]').click();
          let cards = null;
          for (;;) {
            await new Promise(r => setTimeout(r, 2));
            const now = performance.now();
            if (now - t0 > 60000) throw new Error('no gallery of ' + n + ' loaded thumbnails after 60 s');
            const imgs = [...cell.querySelectorAll('.il-gallery .il-card-image img')].filter(i => !old.has(i));
            if (imgs.length !== n) continue;
            cards ??= now - t0;
            if (!imgs.every(i => i.complete && i.naturalWidth > 0)) continue;
            const elapsed = [...cell.querySelectorAll('.il-elapsed')].pop().textContent;
            const thumbs = performance.getEntriesByType('resource').filter(e => e.name.includes('/lab-results/images/'));
            return {
              total: now - t0,
              runner: parseFloat(elapsed) * (elapsed.endsWith(' s') ? 1000 : 1),
              cards,
              firstThumbStart: Math.min(...thumbs.map(e => e.startTime)) - t0,
              lastThumbEnd: Math.max(...thumbs.map(e => e.responseEnd)) - t0,
              thumbWait: thumbs.map(e => e.responseStart - e.requestStart).sort((a, b) => a - b)[thumbs.length >> 1],
              thumbs: thumbs.length,
              thumbBytes: thumbs.reduce((s, e) => s + e.encodedBodySize, 0),
            };
          }
        }
        """;

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public static async Task<BrowserRun> OpenAsync(string baseUrl, string sql)
    {
        var run = new BrowserRun { _playwright = await Playwright.CreateAsync() };
        run._browser = await LabChromium.LaunchAsync(run._playwright);
        // Tall enough that all 20 cards are in view: their thumbnails load lazily.
        var context = await run._browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1400, Height = 2400 } });
        context.SetDefaultTimeout(60_000);
        run._page = await context.NewPageAsync();

        await run._page.GotoAsync($"/labs/{LabId}/{LabCellDriver.StepOfCell(LabId, CellId)}");
        await LabCellDriver.ReplaceTextAsync(run._page, await LabCellDriver.EditorAsync(run._page, CellId), sql);
        await LabCellDriver.Cell(run._page, CellId).EvaluateAsync("el => el.scrollIntoView({ block: 'start' })");
        return run;
    }

    /// <summary>Clicks Run and waits for <paramref name="cards"/> cards with loaded thumbnails.</summary>
    public Task<RenderTiming> ClickRunAsync(int cards) =>
        _page.EvaluateAsync<RenderTiming>(ClickAndWaitJs, new { cellId = CellId, n = cards });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>Milliseconds from the click on Run, measured in the page.</summary>
public sealed class RenderTiming
{
    public double Total { get; set; }
    /// <summary>The statement's time as the runner measured it (execution and reading the rows), shown in the summary.</summary>
    public double Runner { get; set; }
    public double Cards { get; set; }
    public double FirstThumbStart { get; set; }
    public double LastThumbEnd { get; set; }
    /// <summary>Median over the thumbnails of request sent → first response byte (the server's time plus queueing).</summary>
    public double ThumbWait { get; set; }
    public int Thumbs { get; set; }
    public long ThumbBytes { get; set; }
}
