using ImmersiveLab.ImageSearch.Learners;
using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Ui;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImmersiveLab.ImageSearch;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Search by image: the service and the step pictures; options from "ImageSearch". Needs AddImaging,
    /// AddLabDatabase, AddSandboxes and MudBlazor. <paramref name="currentLearner"/> names whose sandbox a circuit
    /// searches (e.g. the host's own current-learner service); without it, the solo learner's. The image links are the
    /// result views' learner-bound links: the host registers an <c>ICurrentLearnerAccessor</c> and maps them with
    /// <c>MapResultEndpoints()</c>.
    /// </summary>
    public static IServiceCollection AddImageSearch(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, CancellationToken, Task<LearnerRef>>? currentLearner = null)
    {
        services.AddOptions<ImageSearchOptions>().Bind(configuration.GetSection(ImageSearchOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLocalization();
        services.AddResultsUi(configuration);
        services.TryAddSingleton<ImageSearchLinks>();
        services.TryAddSingleton<ConversionStepPictures>();
        services.TryAddSingleton<ImageSearchService>();
        services.TryAddScoped<Components.ImageSearchJs>();
        if (currentLearner is null) services.TryAddScoped<IImageSearchLearner, SoloImageSearchLearner>();
        else services.AddScoped<IImageSearchLearner>(sp => new DelegateImageSearchLearner(ct => currentLearner(sp, ct)));
        return services;
    }
}
