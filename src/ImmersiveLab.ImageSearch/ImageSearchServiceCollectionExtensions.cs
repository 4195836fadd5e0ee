using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.Ui;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImmersiveLab.ImageSearch;

public static class ImageSearchServiceCollectionExtensions
{
    /// <summary>
    /// Search by image: the service and the step pictures; options from "ImageSearch". Needs AddImaging,
    /// AddLabDatabase, AddSandboxes and MudBlazor. A circuit searches in the sandbox of its
    /// <see cref="ImmersiveLab.Sandbox.Learners.ILearnerContext"/> (AddSandboxes: the solo learner unless the host
    /// registers its own). The image links are the result views' learner-bound links: the host registers an
    /// <c>ICurrentLearnerAccessor</c> and maps them with <c>MapResultEndpoints()</c>.
    /// </summary>
    public static IServiceCollection AddImageSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImageSearchOptions>().Bind(configuration.GetSection(ImageSearchOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLocalization();
        services.AddResultsUi(configuration);
        services.TryAddSingleton<ImageSearchLinks>();
        services.TryAddSingleton<ConversionStepPictures>();
        services.TryAddSingleton<ImageSearchService>();
        services.TryAddScoped<Components.ImageSearchJs>();
        return services;
    }
}
