using ImmersiveLab.IndexExplorer.Recall;

namespace ImmersiveLab.IndexExplorer.Tests;

public sealed class LatencyStatsTests
{
    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        // 1..20 ms: the 50th percentile is the 10th value, the 95th the 19th.
        var stats = LatencyStats.From(Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToList());
        Assert.Equal(10, stats.P50Ms);
        Assert.Equal(19, stats.P95Ms);
        Assert.Equal(10.5, stats.MeanMs);
        Assert.Equal(20, stats.Count);
    }

    [Fact]
    public void One_value_is_every_percentile()
    {
        var stats = LatencyStats.From([3.5]);
        Assert.Equal(3.5, stats.P50Ms);
        Assert.Equal(3.5, stats.P95Ms);
    }
}

public sealed class SweepProgressTests
{
    [Fact]
    public void Progress_counts_runs_and_the_queries_of_the_current_run()
    {
        Assert.Equal(0.5, new ImmersiveLab.IndexExplorer.Recall.SweepProgress(1, 2, "x").Fraction);
        Assert.Equal(0.625, new ImmersiveLab.IndexExplorer.Recall.SweepProgress(1, 2, "x", 25, 100).Fraction);
        Assert.Equal(1, new ImmersiveLab.IndexExplorer.Recall.SweepProgress(2, 2, "done", 100, 100).Fraction);
    }
}
