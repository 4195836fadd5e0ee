using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ImmersiveLab.Web.Hosting;

/// <summary>Prints where the lab is served, once it listens (the line ./run.sh users look for).</summary>
public sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var a in addresses) Console.WriteLine($"ImmersiveLab is ready: {a}   (Ctrl+C stops the lab and its database)");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
