using ImmersiveLab.Web.Telemetry.ServerState;

namespace ImmersiveLab.Web.Telemetry;

/// <summary>Makes the services that publish observable metrics at start, so /metrics shows the queue, sandboxes and
/// learners from the first scrape and the server panel's windows fill from the first Run.</summary>
public sealed class TelemetryStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<WebMetrics>();
        services.GetRequiredService<ServerStateMonitor>();
        services.GetRequiredService<Sandbox.Sessions.SessionRegistry>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
