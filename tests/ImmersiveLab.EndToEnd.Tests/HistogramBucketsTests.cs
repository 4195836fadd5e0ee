using ImmersiveLab.BrowserSupport.Metrics;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>The reading of /metrics the browser tests and the classroom benchmark share (no browser needed).</summary>
public sealed class HistogramBucketsTests
{
    private const string Text = """
        # HELP immersivelab_run_duration_seconds A learner's Run on the server.
        # TYPE immersivelab_run_duration_seconds histogram
        immersivelab_run_duration_seconds_bucket{immersivelab_lab_id="welcome",immersivelab_outcome="ok",le="0.1"} 10
        immersivelab_run_duration_seconds_bucket{immersivelab_lab_id="welcome",immersivelab_outcome="ok",le="0.5"} 90
        immersivelab_run_duration_seconds_bucket{immersivelab_lab_id="welcome",immersivelab_outcome="ok",le="1"} 100
        immersivelab_run_duration_seconds_bucket{immersivelab_lab_id="welcome",immersivelab_outcome="ok",le="+Inf"} 100
        immersivelab_run_duration_seconds_sum{immersivelab_lab_id="welcome",immersivelab_outcome="ok"} 30.5
        immersivelab_run_duration_seconds_count{immersivelab_lab_id="welcome",immersivelab_outcome="ok"} 100
        immersivelab_run_duration_seconds_bucket{immersivelab_lab_id="a \"quoted\" lab",immersivelab_outcome="error",le="0.1"} 0
        immersivelab_run_duration_seconds_bucket{immersivelab_lab_id="a \"quoted\" lab",immersivelab_outcome="error",le="0.5"} 0
        immersivelab_run_duration_seconds_bucket{immersivelab_lab_id="a \"quoted\" lab",immersivelab_outcome="error",le="1"} 0
        immersivelab_run_duration_seconds_bucket{immersivelab_lab_id="a \"quoted\" lab",immersivelab_outcome="error",le="+Inf"} 4
        immersivelab_run_duration_seconds_sum{immersivelab_lab_id="a \"quoted\" lab",immersivelab_outcome="error"} 12
        immersivelab_run_duration_seconds_count{immersivelab_lab_id="a \"quoted\" lab",immersivelab_outcome="error"} 4
        process_cpu_time_seconds_total{cpu_mode="user"} 12.5 1733650000000
        """;

    [Fact]
    public void Samples_are_read_with_their_labels_unescaped()
    {
        var samples = PrometheusText.Parse(Text);

        Assert.Equal(13, samples.Count);
        Assert.Contains(samples, s => s["immersivelab_lab_id"] == "a \"quoted\" lab");
        Assert.Equal(12.5, samples.Single(s => s.Name == "process_cpu_time_seconds_total").Value);
    }

    [Fact]
    public void Quantiles_are_interpolated_in_their_bucket_like_histogram_quantile()
    {
        var ok = HistogramBuckets.From(PrometheusText.Parse(Text), "immersivelab_run_duration_seconds", s => s["immersivelab_outcome"] == "ok");

        Assert.Equal(100, ok.Count);
        Assert.Equal(0.305, ok.Mean!.Value, precision: 6);
        Assert.Equal(0.1 + 0.4 * 40 / 80, ok.Quantile(0.5)!.Value, precision: 6); // rank 50 lies in (0.1, 0.5]
        Assert.Equal(0.5 + 0.5 * 5 / 10, ok.Quantile(0.95)!.Value, precision: 6); // rank 95 lies in (0.5, 1]
    }

    [Fact]
    public void All_label_sets_are_summed_and_what_fell_in_Inf_is_reported_at_the_largest_bound()
    {
        var all = HistogramBuckets.From(PrometheusText.Parse(Text), "immersivelab_run_duration_seconds");

        Assert.Equal(104, all.Count);
        Assert.Equal(1, all.Quantile(0.99)); // rank 103 is past le=1 (100)
    }

    [Fact]
    public void The_difference_of_two_scrapes_is_what_happened_between_them()
    {
        var later = HistogramBuckets.From(PrometheusText.Parse(Text), "immersivelab_run_duration_seconds", s => s["immersivelab_outcome"] == "ok");
        var earlier = new HistogramBuckets([(0.1, 10), (0.5, 10), (1, 10), (double.PositiveInfinity, 10)], 10, 0.5);

        var between = later.Minus(earlier);

        Assert.Equal(90, between.Count);
        Assert.Equal(30, between.Sum);
        Assert.Equal(0.1 + 0.4 * 45 / 80, between.Quantile(0.5)!.Value, precision: 6); // 80 in (0.1, 0.5], 10 in (0.5, 1]: rank 45
    }
}
