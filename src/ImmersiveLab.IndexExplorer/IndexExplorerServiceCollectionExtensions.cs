using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Filtering;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Recall;
using ImmersiveLab.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.IndexExplorer;

public static class IndexExplorerServiceCollectionExtensions
{
    /// <summary>
    /// The index explorer's services. Needs the lab database (AddLabDatabase). The sandbox services it uses are added
    /// only if the host has not registered them; a host can replace <see cref="ILearnerConnectionFactory"/> by
    /// registering its own first. The learner a view works for when given none is the scope's
    /// <see cref="ImmersiveLab.Sandbox.Learners.ILearnerContext"/> (see AddSandboxConnections: registered in any order).
    /// </summary>
    public static IServiceCollection AddIndexExplorer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization();
        services.AddOptions<IndexExplorerOptions>().Bind(configuration.GetSection(IndexExplorerOptions.SectionName));

        services.AddSandboxConnections(configuration);
        services.AddOptions<SandboxOptions>()
            .PostConfigure<IOptions<IndexExplorerOptions>>((sandbox, explorer) =>
                sandbox.WatchdogApplicationLimits.TryAdd(explorer.Value.ApplicationName, explorer.Value.LongestStatement + explorer.Value.WatchdogMargin));

        services.TryAddSingleton<ILearnerConnectionFactory, SandboxLearnerConnectionFactory>();
        services.AddSingleton<LearnerGate>();
        services.AddSingleton<BuildAdmission>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IndexExplorerOptions>, IndexExplorerOptionsValidator>());
        services.AddSingleton<DatasetGenerator>();
        services.AddSingleton<DatasetCatalog>();
        services.AddMetrics();
        services.TryAddSingleton<Telemetry.ExplorerMetrics>();
        services.AddSingleton<IndexBuilder>();
        services.AddSingleton<IndexCatalog>();
        services.AddSingleton<RecallSweep>();
        services.AddSingleton<FilteredSearchDemo>();
        // One per view: its own transcript and state.
        services.AddTransient<Workspace.ExplorerWorkspace>();
        return services;
    }
}
