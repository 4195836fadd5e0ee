using ImmersiveLab.ImageSearch.Learners;
using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImmersiveLab.ImageSearch;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Search by image: the service, the step pictures and their link store; options from "ImageSearch". Needs
    /// AddImaging, AddLabDatabase, AddSandboxes and MudBlazor. <paramref name="currentLearner"/> names whose sandbox
    /// a circuit searches (e.g. the host's own current-learner service); without it, the solo learner's. The image links
    /// are served automatically (see <see cref="ImageSearchOptions.ServeImagesAutomatically"/>).
    /// </summary>
    public static IServiceCollection AddImageSearch(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, CancellationToken, Task<LearnerRef>>? currentLearner = null)
    {
        services.AddOptions<ImageSearchOptions>().Bind(configuration.GetSection(ImageSearchOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ImageLinkStore>();
        services.TryAddSingleton<ConversionStepPictures>();
        services.TryAddSingleton<ImageSearchService>();
        services.TryAddScoped<Components.ImageSearchJs>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ImageSearchStartupFilter>());
        if (currentLearner is null) services.TryAddScoped<IImageSearchLearner, SoloImageSearchLearner>();
        else services.AddScoped<IImageSearchLearner>(sp => new DelegateImageSearchLearner(ct => currentLearner(sp, ct)));
        return services;
    }
}
