using ImmersiveLab.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.Cli.Commands;

/// <summary>
/// The imaging services (validator, model store, embedder) for commands that need no database: pattern, signature,
/// embed and model fetch. Same configuration sources as the lab host (appsettings*.json beside the executable or in
/// the current directory, then environment variables such as Imaging__Model__ModelDirectory or LAB_DATA).
/// </summary>
internal static class ImagingServices
{
    public static ServiceProvider Build(TextWriter log, IConfiguration? configuration = null)
    {
        configuration ??= LoadConfiguration();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddProvider(new Hosting.TextWriterLoggerProvider(log)));
        services.AddImaging(configuration);
        return services.BuildServiceProvider();
    }

    private static IConfiguration LoadConfiguration()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder();
        foreach (var dir in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() }.Distinct())
        {
            builder.AddJsonFile(Path.Combine(dir, "appsettings.json"), optional: true);
            builder.AddJsonFile(Path.Combine(dir, $"appsettings.{environment}.json"), optional: true);
        }
        return builder.AddEnvironmentVariables().Build();
    }
}
