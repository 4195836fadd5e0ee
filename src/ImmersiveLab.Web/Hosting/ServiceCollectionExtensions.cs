using ImmersiveLab.Database;
using ImmersiveLab.Labs;
using ImmersiveLab.Web.Localization;
using MudBlazor.Services;

namespace ImmersiveLab.Web.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the web app needs, in one place.</summary>
    public static IServiceCollection AddImmersiveLab(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLabDatabase(configuration);
        services.AddLabs(configuration);
        services.AddHostedService<LabServerHostedService>();
        services.AddHostedService<StartupBanner>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();
        services.AddLabLocalization();
        return services;
    }
}
