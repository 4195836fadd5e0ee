using ImmersiveLab.Web.Telemetry.ServerState;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Web.Tests.Telemetry;

public sealed class SlidingWindowTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-08T09:00:00Z"));

    [Fact]
    public void The_95th_percentile_is_the_nearest_rank_of_the_values_in_the_window()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(5), _time);
        // 1..100 in a shuffled order: p95 by nearest rank is the 95th smallest.
        foreach (var v in Enumerable.Range(1, 100).OrderBy(v => (v * 37) % 101)) window.Add(v);

        var stats = window.Stats();

        Assert.Equal(100, stats.Count);
        Assert.Equal(95, stats.P95);
        Assert.Equal(50.5, stats.Mean);
    }

    [Fact]
    public void A_few_values_give_the_largest_as_p95_and_none_give_nothing()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(5), _time);
        Assert.Equal(new WindowStats(0, null, null), window.Stats());

        window.Add(0.2);
        window.Add(3.0);
        window.Add(0.1);

        Assert.Equal(3.0, window.Stats().P95);
    }

    [Fact]
    public void Values_older_than_the_window_drop_out()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(5), _time);
        window.Add(30); // a slow run at the start of the class
        _time.Advance(TimeSpan.FromMinutes(3));
        for (var i = 0; i < 10; i++) window.Add(0.1);
        Assert.Equal(30, window.Stats().P95);

        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        var stats = window.Stats();
        Assert.Equal(10, stats.Count);
        Assert.Equal(0.1, stats.P95);
    }

    [Fact]
    public void The_recent_part_of_the_window_is_read_alone()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(5), _time);
        for (var i = 0; i < 4; i++) window.Add(8);
        _time.Advance(TimeSpan.FromMinutes(2));
        window.Add(1);
        window.Add(3);

        Assert.Equal(2, window.Stats(TimeSpan.FromMinutes(1)).Count);
        Assert.Equal(2, window.Stats(TimeSpan.FromMinutes(1)).Mean);
        Assert.Equal(6, window.Stats().Count);
    }

    [Fact]
    public void At_capacity_the_oldest_values_go_first()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(5), _time, capacity: 3);
        foreach (var v in new[] { 100.0, 1, 2, 3 }) window.Add(v);

        var stats = window.Stats();
        Assert.Equal(3, stats.Count);
        Assert.Equal(3, stats.P95);
    }
}
