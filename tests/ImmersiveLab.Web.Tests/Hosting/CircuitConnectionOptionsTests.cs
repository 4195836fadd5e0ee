using ImmersiveLab.Web.Hosting;

namespace ImmersiveLab.Web.Tests.Hosting;

public sealed class CircuitConnectionOptionsTests
{
    [Fact]
    public void The_defaults_outlast_a_busy_browser_and_are_valid()
    {
        var options = new CircuitConnectionOptions();
        Assert.Null(options.Validate());
        Assert.True(options.ClientTimeout > TimeSpan.FromSeconds(30)); // SignalR's default, which closed busy learners' connections
    }

    [Theory]
    [InlineData(120, 0, "KeepAlive")]
    [InlineData(120, 20, "KeepAlive")]
    [InlineData(20, 15, "ClientTimeout")]
    public void Settings_that_would_drop_live_connections_are_refused(int clientTimeoutSeconds, int keepAliveSeconds, string named)
    {
        var options = new CircuitConnectionOptions { ClientTimeout = TimeSpan.FromSeconds(clientTimeoutSeconds), KeepAlive = TimeSpan.FromSeconds(keepAliveSeconds) };
        Assert.Contains("Circuits:" + named, options.Validate());
    }
}
