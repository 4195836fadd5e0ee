using ImmersiveLab.Classroom;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ImmersiveLab.Web.Hosting;

/// <summary>
/// Prints where the lab is served once it listens (the line ./run.sh users look for), and how the instructor signs
/// in. Runs after LabServerHostedService (registered after it), so the database is up.
/// </summary>
public sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, InstructorToken token, ILogger<StartupBanner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string? instructorToken = null;
        try
        {
            // A configured token is the operator's secret: it is not echoed.
            if (!token.IsConfigured) instructorToken = await token.GetAsync(cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(e, "Could not read the instructor token");
        }
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var a in addresses) Console.WriteLine($"ImmersiveLab is ready: {a}   (Ctrl+C stops the lab and its database)");
            var first = addresses.FirstOrDefault()?.TrimEnd('/');
            if (first is null) return;
            Console.WriteLine(instructorToken is null
                ? $"Instructor: {first}/instructor/login with the token from Classroom:InstructorToken"
                : $"Instructor: {first}/instructor/login   token: {instructorToken}");
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
