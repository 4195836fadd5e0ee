using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Labs;

public static class LabsServiceCollectionExtensions
{
    /// <summary>Registers the lab catalog, loader and validator; options from the "Labs" section.</summary>
    public static IServiceCollection AddLabs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LabsOptions>().Bind(configuration.GetSection(LabsOptions.SectionName));
        services.AddSingleton(sp => new LabValidator(sp.GetRequiredService<IOptions<LabsOptions>>().Value.ResolveSampleImagesDirectory()));
        services.AddSingleton<LabLoader>();
        services.AddSingleton<ILabCatalog, LabCatalog>();
        return services;
    }
}
