using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Maintenance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.IndexExplorer.Tests;

/// <summary>The explorer's connections get a watchdog limit that covers its own longest statement, unless configured.</summary>
public sealed class WatchdogLimitTests
{
    private static SandboxOptions SandboxOptionsWith(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddIndexExplorer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider()
            .GetRequiredService<IOptions<SandboxOptions>>().Value;

    [Fact]
    public void Explorer_backends_may_run_their_longest_statement_timeout_plus_the_margin()
    {
        var o = SandboxOptionsWith(new() { ["IndexExplorer:BuildTimeout"] = "00:20:00", ["IndexExplorer:WatchdogMargin"] = "00:00:30" });
        Assert.Equal(TimeSpan.FromSeconds(20 * 60 + 30), WatchdogLimits.For(o, "immersivelab-explorer"));
        Assert.Equal(TimeSpan.FromSeconds(60), WatchdogLimits.For(o, "anything else"));
    }

    [Fact]
    public void A_configured_limit_for_the_explorer_wins_and_stays_under_the_ceiling()
    {
        var configured = SandboxOptionsWith(new() { ["Sandbox:WatchdogApplicationLimits:immersivelab-explorer"] = "00:05:00" });
        Assert.Equal(TimeSpan.FromMinutes(5), WatchdogLimits.For(configured, "immersivelab-explorer"));

        var capped = SandboxOptionsWith(new() { ["IndexExplorer:BuildTimeout"] = "10:00:00", ["Sandbox:WatchdogApplicationLimitCeiling"] = "00:30:00" });
        Assert.Equal(TimeSpan.FromMinutes(30), WatchdogLimits.For(capped, "immersivelab-explorer"));
    }
}
