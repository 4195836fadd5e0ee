using ImmersiveLab.Database;

namespace ImmersiveLab.Web.Hosting;

/// <summary>Starts the database (embedded cluster or external server) before the app serves, and stops it after.</summary>
public sealed class LabServerHostedService(LabServer server, IHostApplicationLifetime lifetime, ILogger<LabServerHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.StartAsync(cancellationToken);
        lifetime.ApplicationStarted.Register(() =>
        {
            var s = server.Status!;
            logger.LogInformation("Database: {Mode}, {Version}, pgvector {Vector}{Log}", s.Mode, s.ServerVersion, s.PgvectorVersion,
                s.LogFile is null ? "" : $", server log {s.LogFile}");
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
