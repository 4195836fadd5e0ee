using ImmersiveLab.Database.Cluster;
using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Database.Metadata;
using ImmersiveLab.Database.Template;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImmersiveLab.Database;

public static class LabDatabaseServiceCollectionExtensions
{
    /// <summary>The lab's PostgreSQL servers (embedded or external primary, optional sandbox servers), metadata and template databases.</summary>
    public static IServiceCollection AddLabDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LabDatabaseOptions>()
            .Bind(configuration.GetSection(LabDatabaseOptions.SectionName))
            .PostConfigure(o => o.AdminConnectionString ??= configuration.GetConnectionString("Admin"));
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<LabDatabaseOptions>, LabDatabaseOptionsValidator>();
        services.AddSingleton(sp => new EmbeddedCluster(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LabDatabaseOptions>>().Value,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EmbeddedCluster>>()));
        services.AddSingleton<MetadataMigrator>();
        services.TryAddSingleton<ISampleImageSource, EmptySampleImageSource>();
        services.AddSingleton<TemplateDatabaseBuilder>();
        services.AddSingleton<SandboxHostPreparer>();
        services.AddSingleton<LabServer>();
        services.TryAddSingleton(TimeProvider.System);
        // A hosted service only where the host adds it (the web app): see DatabaseHealthMonitor.
        services.AddSingleton<Health.DatabaseHealthMonitor>();
        return services;
    }
}
