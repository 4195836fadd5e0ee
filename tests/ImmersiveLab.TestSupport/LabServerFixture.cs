using ImmersiveLab.Database;
using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using ImmersiveLab.SampleImages;

namespace ImmersiveLab.TestSupport;

/// <summary>
/// A real embedded PostgreSQL cluster with pgvector in a temporary data directory, started through the
/// same services the app uses. Share it per test collection; it stops and is deleted at the end.
/// </summary>
public class LabServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public string DataDirectory => _dir.Path;
    public ServiceProvider Services { get; private set; } = null!;
    public LabServer Server => Services.GetRequiredService<LabServer>();

    /// <summary>Server settings of every test cluster: small memory so several clusters fit on one machine.</summary>
    public static IReadOnlyDictionary<string, string> SmallClusterSettings { get; } = new Dictionary<string, string>
    {
        ["shared_buffers"] = "128MB",
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
    };

    /// <summary>Configuration every test server gets.</summary>
    public virtual Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var c = new Dictionary<string, string?> { ["Database:DataDirectory"] = dataDirectory };
        foreach (var (name, value) in SmallClusterSettings) c[$"Database:EmbeddedSettings:{name}"] = value;
        return c;
    }

    /// <summary>True: the template holds the repository's 50 sample images with their vectors (slower start).</summary>
    protected virtual bool WithSampleImages => false;

    /// <summary>Override to add the services under test.</summary>
    protected virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    public ServiceProvider BuildServices(string dataDirectory, Action<IServiceCollection>? extra = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configuration(dataDirectory)).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());
        if (WithSampleImages)
        {
            services.AddImaging(configuration);
            services.AddSampleImagesInTemplate(_ => RepoPaths.SampleImages);
        }
        services.AddLabDatabase(configuration);
        ConfigureServices(services, configuration);
        extra?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public virtual async Task InitializeAsync()
    {
        Services = BuildServices(DataDirectory);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Server.StartAsync(cts.Token);
    }

    public virtual async Task DisposeAsync()
    {
        await Server.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
        _dir.Dispose();
    }
}
