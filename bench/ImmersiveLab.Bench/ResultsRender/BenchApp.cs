using System.Net;
using ImmersiveLab.Database;
using ImmersiveLab.Web.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Bench.ResultsRender;

/// <summary>
/// The real web app on a loopback port with its own embedded cluster in a temporary directory, configured like the
/// end-to-end tests' fixture (Production, the repository's labs and sample images).
/// </summary>
public sealed class BenchApp : WebApplicationFactory<App>
{
    private readonly string _data = Directory.CreateTempSubdirectory("imlab-bench-app-").FullName;

    public string BaseUrl { get; private set; } = "";
    public LabServer Lab => Services.GetRequiredService<LabServer>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Outside a test host Mvc.Testing falls back to <solution>/ImmersiveLab.Web, which does not exist.
        builder.UseContentRoot(Path.Combine(BenchPaths.Root, "src", "ImmersiveLab.Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:DataDirectory", _data);
        builder.UseSetting("Database:EmbeddedSettings:shared_buffers", "128MB");
        builder.UseSetting("Database:EmbeddedSettings:fsync", "off");
        builder.UseSetting("Labs:LabsDirectory", Path.Combine(BenchPaths.Root, "labs"));
        builder.UseSetting("Labs:SampleImagesDirectory", Path.Combine(BenchPaths.Root, "sample-images"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public void Start()
    {
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
