using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Web.Tests.Hosting;

public sealed class SqlAssistWiringTests
{
    [Fact]
    public async Task Each_circuit_gets_its_own_editor_bridge_from_the_apps_services()
    {
        using var data = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = data.Path,
            ["Labs:LabsDirectory"] = RepoPaths.Labs,
            ["SqlAssist:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddImmersiveLab(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var one = provider.CreateAsyncScope();
        await using var other = provider.CreateAsyncScope();
        var bridge = one.ServiceProvider.GetRequiredService<SqlAssistJsBridge>();
        Assert.Same(bridge, one.ServiceProvider.GetRequiredService<SqlAssistJsBridge>());
        Assert.NotSame(bridge, other.ServiceProvider.GetRequiredService<SqlAssistJsBridge>());
        Assert.False(bridge.IsEnabled()); // SqlAssist:Enabled reaches the editor
    }
}
