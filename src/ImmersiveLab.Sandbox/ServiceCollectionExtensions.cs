using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.LargeObjects;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Sandbox;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Learner sandboxes and the SQL runner (needs AddLabDatabase). With <paramref name="backgroundServices"/>
    /// the watchdog and the maintenance loop run as hosted services (the web app); the CLI leaves them out.
    /// </summary>
    public static IServiceCollection AddSandboxes(this IServiceCollection services, IConfiguration configuration, bool backgroundServices = true)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName));
        services.AddSingleton<SandboxEvents>();
        services.AddSingleton<LearnerDirectory>();
        services.AddSingleton<SandboxProvisioner>();
        services.AddSingleton<SessionConnector>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<RunAdmission>();
        services.AddSingleton<SqlRunner>();
        services.AddSingleton<LargeObjectStore>();
        services.AddSingleton<Watchdog>();
        services.AddSingleton<SandboxMaintenance>();
        if (backgroundServices)
        {
            services.AddHostedService(sp => sp.GetRequiredService<Watchdog>());
            services.AddHostedService(sp => sp.GetRequiredService<SandboxMaintenance>());
        }
        return services;
    }
}
