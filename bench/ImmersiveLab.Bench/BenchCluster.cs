using ImmersiveLab.Database;
using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ImmersiveLab.SampleImages;

namespace ImmersiveLab.Bench;

/// <summary>An embedded cluster in a temporary directory with the lab's services and a template of sample size.</summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imlab-bench-").FullName;

    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>The cluster's data directory: the imlab command line attaches to the cluster through it.</summary>
    public string DataDirectory => _dir;
    public LabServer Server => Services.GetRequiredService<LabServer>();

    /// <param name="sampleImagesDirectory">null: synthetic rows (<see cref="SyntheticSampleImages"/>); else the real
    /// sample photos of that folder with their computed vectors (needs the model for embeddings).</param>
    /// <param name="settings">Extra configuration, e.g. "Sandbox:MaxConcurrentRuns".</param>
    /// <param name="extraServices">More of the lab's services, e.g. AddSqlAssist.</param>
    public static async Task<BenchCluster> StartAsync(string? createStrategy, string? sampleImagesDirectory = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? extraServices = null)
    {
        var cluster = new BenchCluster();
        var all = new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = cluster._dir,
            ["Database:EmbeddedSettings:max_connections"] = "300",
            ["Sandbox:CreateStrategy"] = createStrategy,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());
        if (sampleImagesDirectory is null) services.AddSingleton<ISampleImageSource, SyntheticSampleImages>();
        else
        {
            services.AddImaging(configuration);
            services.AddSampleImagesInTemplate(_ => sampleImagesDirectory);
        }
        services.AddLabDatabase(configuration);
        services.AddSandboxes(configuration, backgroundServices: false);
        extraServices?.Invoke(services, configuration);
        cluster.Services = services.BuildServiceProvider();
        await cluster.Server.StartAsync(CancellationToken.None);
        return cluster;
    }

    public async Task ExecAsync(string sql)
    {
        await using var cmd = Server.Admin.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
