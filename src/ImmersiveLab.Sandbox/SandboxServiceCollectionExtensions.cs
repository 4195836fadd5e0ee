using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.LargeObjects;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Quota;
using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.Sandbox.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Learner sandboxes and the SQL runner (needs AddLabDatabase), and everything of <see cref="AddSandboxConnections"/>
    /// (the learner context included: see there how a host replaces it). With <paramref name="backgroundServices"/>
    /// the watchdog and the maintenance loop run as hosted services (the web app); the CLI leaves them out.
    /// </summary>
    public static IServiceCollection AddSandboxes(this IServiceCollection services, IConfiguration configuration, bool backgroundServices = true)
    {
        services.AddSandboxConnections(configuration);
        services.AddSingleton<SessionConnector>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<RunAdmission>();
        services.AddSingleton<KeptResults>();
        services.AddSingleton<SqlRunner>();
        services.AddSingleton<SessionReader>();
        services.AddSingleton<LargeObjectStore>();
        services.AddSingleton<SandboxQuota>();
        services.AddSingleton<SandboxQuotaSweep>();
        services.AddSingleton<BackendTerminator>();
        services.AddSingleton<Watchdog>();
        services.AddSingleton<SandboxMaintenance>();
        services.AddSingleton<SandboxPrewarmer>();
        services.AddSingleton<SandboxCensus>();
        if (backgroundServices)
        {
            services.AddHostedService(sp => sp.GetRequiredService<Watchdog>());
            services.AddHostedService(sp => sp.GetRequiredService<SandboxMaintenance>());
            services.AddHostedService(sp => sp.GetRequiredService<SandboxPrewarmer>());
        }
        return services;
    }

    /// <summary>
    /// Only what connecting to a learner's sandbox needs (provisioning, placement on the lab's servers,
    /// <see cref="SandboxConnections"/>, the scope's <see cref="ILearnerContext"/>), for features outside the workbook;
    /// services already registered are kept.
    /// </summary>
    /// <remarks>
    /// The learner context defaults to the <see cref="SoloLearner"/>, added with TryAdd. A host that knows better (the
    /// web app: the learner a classroom sign-in names) registers its own with a plain
    /// <c>AddScoped&lt;ILearnerContext, …&gt;()</c>, before or after the features: TryAdd keeps an earlier one, and a
    /// later one wins because the last registration is the one resolved.
    /// </remarks>
    public static IServiceCollection AddSandboxConnections(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, ResultLimitsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<SandboxMetrics>();
        services.TryAddSingleton<SandboxEvents>();
        services.TryAddSingleton<AppBackendRegistry>();
        services.TryAddSingleton<WatchdogActionLog>();
        services.TryAddSingleton<LearnerDirectory>();
        services.TryAddSingleton<SoloLearner>();
        services.TryAddScoped<ILearnerContext>(sp => sp.GetRequiredService<SoloLearner>());
        services.TryAddSingleton<SandboxProvisioner>();
        services.TryAddSingleton<SandboxConnections>();
        return services;
    }
}
