using ImmersiveLab.BrowserSupport.Metrics;
using Microsoft.Playwright;
using static ImmersiveLab.BrowserSupport.LabCellDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// The Prometheus endpoint after a real Run in Chromium: the Run is counted once in immersivelab.run.duration with the
/// lab, step, cell kind and outcome as labels, beside the statement, queue and connection metrics.
/// </summary>
[Collection(nameof(LabAppCollection))]
public sealed class MetricsJourneyTests(LabAppFixture app)
{
    private const string Lab = "welcome";
    private const string CellId = "edit-me";
    private const string RunDuration = "immersivelab_run_duration_seconds";

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static bool IsThisCell(PrometheusSample s, int step) =>
        s["immersivelab_lab_id"] == Lab && s["immersivelab_lab_step"] == step.ToString() && s["immersivelab_cell_kind"] == "runnable"
        && s["immersivelab_outcome"] == "ok";

    [Fact]
    public async Task After_a_Run_in_the_browser_the_metrics_count_it_with_its_labels()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var step = StepOfCell(Lab, CellId);
        var before = HistogramBuckets.From(await ScrapeAsync(http), RunDuration, s => IsThisCell(s, step));

        var page = await app.NewPageAsync();
        await page.GotoAsync($"/labs/{Lab}/{step}");
        // Its own text: the journeys share the solo learner, whose saved edit of this cell another journey may have left.
        await ReplaceTextAsync(page, await EditorAsync(page, CellId), "SELECT 6 * 7 AS answer, 'counted by the server' AS note;");
        await Cell(page, CellId).GetByTestId("run-cell").ClickAsync();
        var results = Cell(page, CellId).GetByTestId("cell-results");
        await Assertions.Expect(results).ToContainTextAsync("counted by the server", new() { Timeout = 60_000 });
        await Assertions.Expect(results).ToContainTextAsync("42");

        // The Run ends when the browser acknowledged the answer's render, just after the page shows it.
        IReadOnlyList<PrometheusSample> samples = [];
        var run = HistogramBuckets.Empty;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            samples = await ScrapeAsync(http);
            run = HistogramBuckets.From(samples, RunDuration, s => IsThisCell(s, step)).Minus(before);
            if (run.Count > 0) break;
            await Task.Delay(200);
        }

        Assert.Equal(1, run.Count);
        Assert.True(run.Sum > 0);
        Assert.Equal(1, run.Buckets[^1].Count); // le="+Inf" holds every Run
        Assert.True(run.Quantile(0.5) > 0);
        var series = samples.First(s => s.Name == RunDuration + "_count" && IsThisCell(s, step));
        Assert.Equal(["immersivelab_cell_kind", "immersivelab_lab_id", "immersivelab_lab_step", "immersivelab_outcome"],
            series.Labels.Keys.Where(k => k.StartsWith("immersivelab_", StringComparison.Ordinal)).Order());

        // What the Run did on the way: its statement, its wait for a slot; and who is connected.
        Assert.Contains(samples, s => s.Name == "immersivelab_statement_duration_seconds_count" && s["immersivelab_statement_command"] == "SELECT"
                                      && s["immersivelab_outcome"] == "ok" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "immersivelab_run_queue_wait_seconds_count" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "immersivelab_run_slot_limit" && s.Value >= 4);
        Assert.Contains(samples, s => s.Name == "immersivelab_learner_connected" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name.StartsWith("aspnetcore_components_circuit", StringComparison.Ordinal));
        // Npgsql's metrics without a pool name: each learner's session is a data source of its own.
        var npgsql = samples.Where(s => s.Name.StartsWith("db_client_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(npgsql);
        Assert.DoesNotContain(npgsql, s => s.Labels.ContainsKey("db_client_connection_pool_name"));
        // Labels never carry SQL text or a learner.
        Assert.DoesNotContain(samples, s => s.Labels.Values.Any(v => v.Contains("6 * 7", StringComparison.Ordinal)));
    }
}
