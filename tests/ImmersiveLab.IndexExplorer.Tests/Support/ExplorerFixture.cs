using ImmersiveLab.Database.Template;
using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Filtering;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Recall;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImmersiveLab.IndexExplorer.Tests.Support;

/// <summary>
/// A real cluster with the sandbox services and the explorer, connecting to learner sandboxes as the learner's role
/// through the real adapter. The template carries stand-in sample embeddings.
/// </summary>
public sealed class ExplorerFixture : SandboxServerFixture
{
    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var c = base.Configuration(dataDirectory);
        c["Sandbox:MaintenanceWorkMem"] = "128MB";
        c["Sandbox:AppMaintenanceWorkMem"] = "128MB";
        c["IndexExplorer:ProgressPollInterval"] = "00:00:00.020";
        c["IndexExplorer:LoadProgressEveryRows"] = "500";
        c["IndexExplorer:MaxConcurrentBuilds"] = "1"; // so a test holding the one turn makes a build wait, on any machine
        return c;
    }

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        base.ConfigureServices(services, configuration);
        services.Replace(ServiceDescriptor.Singleton<ISampleImageSource, SyntheticSampleImages>());
        services.AddIndexExplorer(configuration);
    }

    public DatasetGenerator Generator => Get<DatasetGenerator>();
    public IndexBuilder Builder => Get<IndexBuilder>();
    public RecallSweep Sweep => Get<RecallSweep>();
    public FilteredSearchDemo Filtered => Get<FilteredSearchDemo>();
    public ILearnerConnectionFactory Connections => Get<ILearnerConnectionFactory>();
}

[CollectionDefinition(nameof(ExplorerCollection))]
public sealed class ExplorerCollection : ICollectionFixture<ExplorerFixture>;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool, after the test looked).</summary>
public sealed class Recorder<T> : IProgress<T>
{
    private readonly List<T> _items = [];
    public void Report(T value) { lock (_items) _items.Add(value); }
    public IReadOnlyList<T> Items { get { lock (_items) return _items.ToList(); } }
}
