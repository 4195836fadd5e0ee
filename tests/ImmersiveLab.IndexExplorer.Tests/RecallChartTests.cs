using Bunit;
using ImmersiveLab.IndexExplorer.Components;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Recall;
using ImmersiveLab.IndexExplorer.Workspace;

using ImmersiveLab.IndexExplorer.Tests.Support;

namespace ImmersiveLab.IndexExplorer.Tests;

public sealed class RecallChartTests
{
    private static SweepPoint Point(string series, int? value, double recall, double ms, string? index = "i") => new()
    {
        IndexName = index, Series = series, Kind = index is null ? null : IndexKind.Hnsw, Parameter = index is null ? null : "hnsw.ef_search",
        Value = value, K = 10, Recall = recall, MinRecall = recall, Latency = new LatencyStats(ms, ms * 2, ms, 5), MeanRows = 10, UsedIndex = index,
    };

    private static readonly SweepResult Result = new("items", 10, 5,
        [Point("exact l2 (seq scan)", null, 1.0, 9.0, index: null)],
        [Point("HNSW l2 m=16 ef_c=64", 10, 0.71, 0.4), Point("HNSW l2 m=16 ef_c=64", 40, 0.93, 0.8), Point("HNSW l2 m=16 ef_c=64", 160, 0.99, 2.0)],
        TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Every_point_and_the_exact_reference_are_drawn_with_a_legend()
    {
        await using var ctx = ExplorerUiContext.Create();

        var chart = ctx.Render<RecallChart>(p => p.Add(c => c.Result, Result));

        Assert.Equal("4", chart.Find("[data-testid=recall-chart]").GetAttribute("data-points"));
        // MudChart draws each point twice: the visible marker and a transparent, larger hover target.
        var markers = chart.FindAll("svg circle.mud-chart-point").Where(c => c.GetAttribute("opacity") != "0").ToList();
        Assert.Equal(4, markers.Count);
        // Recall is drawn in percent on a 0–100 axis: 99 % sits well above 71 %.
        var y = markers.Select(c => double.Parse(c.GetAttribute("cy")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(y[0] - y[2] > 50, $"71 % at {y[0]}, 99 % at {y[2]}");
        Assert.Contains("HNSW l2 m=16 ef_c=64", chart.Markup);
        Assert.Contains("exact l2 (seq scan)", chart.Markup);
    }

    [Fact]
    public async Task The_table_lists_every_setting_and_flags_a_point_measured_on_another_index()
    {
        await using var ctx = ExplorerUiContext.Create();
        var odd = Result with { Points = [.. Result.Points, Point("IVFFlat l2 lists=10", 1, 0.5, 0.3, index: "ivf") with { UsedIndex = "other" }] };

        var table = ctx.Render<SweepTable>(p => p.Add(c => c.Result, odd));

        Assert.Contains("hnsw.ef_search = 160", table.Markup);
        Assert.Contains("0.930", table.Markup);
        Assert.Contains("The planner used other here, not ivf.", table.Markup);
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(13, 20)]
    [InlineData(420, 500)]
    [InlineData(1000, 1000)]
    public void Axis_steps_are_round_numbers(double raw, int step) => Assert.Equal(step, RecallChart.NiceStep(raw));

    [Theory]
    [InlineData(null, LabBlockDataset.Samples)]
    [InlineData("samples", LabBlockDataset.Samples)]
    [InlineData("Generated", LabBlockDataset.Generated)]
    public void The_lab_block_option_picks_the_dataset(string? option, LabBlockDataset expected) =>
        Assert.Equal(expected, LabBlockPlan.Parse(option));
}
