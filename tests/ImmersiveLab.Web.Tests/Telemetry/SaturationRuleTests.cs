using ImmersiveLab.Web.Telemetry.ServerState;

namespace ImmersiveLab.Web.Tests.Telemetry;

public sealed class SaturationRuleTests
{
    private static readonly ServerStateOptions Defaults = new();

    [Fact]
    public void Runs_waiting_8_s_on_average_mean_a_saturated_server()
    {
        var verdict = SaturationRule.Judge(Defaults, recentRuns: 40, averageQueueWait: TimeSpan.FromSeconds(8), cpu: 0.5);

        Assert.Equal(new ServerVerdict(ServerLoad.Saturated, ServerLoadReason.QueueWait, 8), verdict);
    }

    [Fact]
    public void A_wait_between_the_thresholds_is_busy_and_short_waits_are_fine()
    {
        Assert.Equal(ServerLoad.Busy, SaturationRule.Judge(Defaults, 40, TimeSpan.FromSeconds(2), 0.3).Load);
        Assert.Equal(ServerLoad.Ok, SaturationRule.Judge(Defaults, 40, TimeSpan.FromMilliseconds(200), 0.3).Load);
    }

    [Fact]
    public void A_few_slow_runs_do_not_make_a_saturated_server()
    {
        var verdict = SaturationRule.Judge(Defaults, recentRuns: Defaults.MinimumRuns - 1, averageQueueWait: TimeSpan.FromSeconds(30), cpu: 0.2);

        Assert.Equal(ServerLoad.Ok, verdict.Load);
    }

    [Fact]
    public void A_busy_CPU_without_waiting_is_busy()
    {
        var verdict = SaturationRule.Judge(Defaults, 40, TimeSpan.Zero, cpu: 0.95);

        Assert.Equal(new ServerVerdict(ServerLoad.Busy, ServerLoadReason.Cpu, 0.95), verdict);
    }

    [Fact]
    public void The_thresholds_are_options()
    {
        var strict = new ServerStateOptions { BusyQueueWait = TimeSpan.FromMilliseconds(100), SaturatedQueueWait = TimeSpan.FromMilliseconds(500), MinimumRuns = 1 };

        Assert.Equal(ServerLoad.Saturated, SaturationRule.Judge(strict, 1, TimeSpan.FromSeconds(1), null).Load);
        Assert.Null(strict.Validate());
        Assert.NotNull(new ServerStateOptions { BusyQueueWait = TimeSpan.FromSeconds(9) }.Validate()); // above SaturatedQueueWait
    }
}
