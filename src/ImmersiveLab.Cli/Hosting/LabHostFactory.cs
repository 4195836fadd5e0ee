using Microsoft.Extensions.Options;
using ImmersiveLab.Database.Template;
using ImmersiveLab.Labs;
using ImmersiveLab.Imaging;
using ImmersiveLab.Classroom;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ImmersiveLab.SampleImages;

namespace ImmersiveLab.Cli.Hosting;

/// <summary>
/// Builds the services a command needs from the same configuration as the web app: appsettings.json (and
/// appsettings.{Environment}.json) from the current directory or next to the executable, environment variables
/// (ConnectionStrings__Admin, Database__…, Sandbox__…, LAB_DATA), then any overrides. The lab's server is the
/// embedded cluster unless an admin connection string is configured; if the app already runs it, the CLI
/// attaches to it and leaves it running.
/// </summary>
public sealed class LabHostFactory(IReadOnlyDictionary<string, string?>? overrides, TextWriter log)
{
    public async Task<LabHost> StartAsync(CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = true,
        });
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        foreach (var dir in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() }.Distinct())
        {
            builder.Configuration.AddJsonFile(Path.Combine(dir, "appsettings.json"), optional: true);
            builder.Configuration.AddJsonFile(Path.Combine(dir, $"appsettings.{environment}.json"), optional: true);
        }
        builder.Configuration.AddEnvironmentVariables();
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(new TextWriterLoggerProvider(log)); // stderr: stdout stays clean for --json
        // The same template contents as the app: without the sample source a CLI start would rebuild
        // lab_template with an empty lab.sample_images.
        builder.Services.AddImaging(builder.Configuration);
        builder.Services.AddLabs(builder.Configuration);
        builder.Services.AddSampleImagesInTemplate(sp => sp.GetRequiredService<IOptions<LabsOptions>>().Value.ResolveSampleImagesDirectory());
        builder.Services.AddLabDatabase(builder.Configuration);
        builder.Services.AddSandboxes(builder.Configuration, backgroundServices: false);
        builder.Services.AddClassroom(builder.Configuration, backgroundServices: false);

        var host = builder.Build();
        var server = host.Services.GetRequiredService<LabServer>();
        try
        {
            await server.StartAsync(ct);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new LabHost(host, server);
    }
}

/// <summary>The started services of one command; disposing stops the embedded cluster if this command started it.</summary>
public sealed class LabHost(IHost host, LabServer server) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Get<ImmersiveLab.Sandbox.Sessions.SessionRegistry>().DisposeAsync();
        await server.StopAsync(CancellationToken.None);
        host.Dispose();
    }
}
