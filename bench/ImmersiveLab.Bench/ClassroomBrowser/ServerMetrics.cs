using ImmersiveLab.BrowserSupport.Metrics;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>The app's own histograms, scraped from its /metrics (the bench connects over loopback, which may read them).</summary>
public sealed record ServerMetricsSnapshot(HistogramBuckets Runs, HistogramBuckets QueueWaits, HistogramBuckets Statements)
{
    /// <summary>The app's histograms now, or null when /metrics does not answer (Telemetry:Metrics:Enabled off, an old app).</summary>
    public static async Task<ServerMetricsSnapshot?> ScrapeAsync(HttpClient http, CancellationToken ct)
    {
        string text;
        try
        {
            text = await http.GetStringAsync("/metrics", ct);
        }
        catch (HttpRequestException e)
        {
            Console.WriteLine($"  (no server-side numbers: /metrics answered {e.StatusCode?.ToString() ?? e.Message})");
            return null;
        }
        var samples = PrometheusText.Parse(text);
        return new ServerMetricsSnapshot(
            HistogramBuckets.From(samples, "immersivelab_run_duration_seconds"),
            HistogramBuckets.From(samples, "immersivelab_run_queue_wait_seconds"),
            HistogramBuckets.From(samples, "immersivelab_statement_duration_seconds"));
    }

    /// <summary>What the server recorded between <paramref name="start"/> and this snapshot, with the server's CPU seconds
    /// (app + PostgreSQL) over the same Runs.</summary>
    public ServerSide Since(ServerMetricsSnapshot start, double serverCpuSeconds)
    {
        var runs = Runs.Minus(start.Runs);
        var waits = QueueWaits.Minus(start.QueueWaits);
        var statements = Statements.Minus(start.Statements);
        return new ServerSide(
            (int)runs.Count, Ms(runs.Quantile(0.5)), Ms(runs.Quantile(0.95)), Ms(runs.Mean),
            (int)waits.Count, Ms(waits.Mean), Ms(waits.Quantile(0.95)),
            (int)statements.Count, Ms(statements.Quantile(0.95)),
            serverCpuSeconds, runs.Count > 0 ? 1000 * serverCpuSeconds / runs.Count : null);
    }

    private static double? Ms(double? seconds) => seconds * 1000;
}

/// <summary>
/// One phase as the server saw it: Runs from the event received to the answer's render acknowledged
/// (immersivelab.run.duration; quantiles interpolated in the histogram's buckets, as Prometheus does), the waits for a run
/// slot (learner runs and the checks' own), statements, and the server's CPU (app + PostgreSQL) per Run: everything
/// the server did in the phase (pages, steps, checks, saves) divided by the Runs.
/// </summary>
public sealed record ServerSide(
    int Runs, double? RunP50Ms, double? RunP95Ms, double? RunMeanMs,
    int QueueWaits, double? QueueWaitMeanMs, double? QueueWaitP95Ms,
    int Statements, double? StatementP95Ms,
    double ServerCpuSeconds, double? ServerCpuMsPerRun);

/// <summary>
/// The physics: when N learners click at the same instant, no server with C cores answers the last sooner than
/// N × (CPU time of one Run) ÷ C; the CPU time of one Run is the solo phase's server CPU per Run.
/// </summary>
public sealed record ServerBound(int Learners, int Cores, double? SoloCpuMsPerRun, double? BoundMs, double? ClassP95Ms)
{
    public double? P95OverBound => ClassP95Ms / BoundMs;

    public static ServerBound Of(int learners, int cores, ServerSide? solo, ServerSide? @class) =>
        new(learners, cores, solo?.ServerCpuMsPerRun, learners * solo?.ServerCpuMsPerRun / cores, @class?.RunP95Ms);
}
