using ImmersiveLab.Web.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Web.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Fact]
    public void By_default_metrics_are_served_locally_and_nothing_is_traced()
    {
        var options = new TelemetryOptions();

        Assert.True(options.Metrics.Enabled);
        Assert.Equal("/metrics", options.Metrics.Path);
        Assert.False(options.Metrics.AllowRemote);
        Assert.False(options.Tracing.Enabled);
        Assert.Null(options.Validate());
    }

    [Theory]
    [InlineData("Telemetry:Tracing:SamplingRatio", "1.5")]
    [InlineData("Telemetry:Metrics:Path", "metrics")]
    public void A_bad_setting_stops_the_app_at_start(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddLabTelemetry(configuration));
        Assert.Contains(key, e.Message);
    }
}
