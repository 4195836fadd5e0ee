using ImmersiveLab.Imaging;
using ImmersiveLab.Ui.Explain;
using ImmersiveLab.Ui.Results;
using ImmersiveLab.Ui.Results.Export;
using ImmersiveLab.Ui.Results.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImmersiveLab.Ui;

public static class ResultsUiServiceCollectionExtensions
{
    /// <summary>
    /// Services of the result views, image links and plan viewer. The host also registers MudBlazor
    /// (<c>AddMudServices()</c>), an <see cref="ICurrentLearnerAccessor"/>, and to show images stored as large objects an
    /// <see cref="ILearnerBlobReader"/>; then calls
    /// <see cref="EndpointRouteBuilderExtensions.MapResultEndpoints"/>.
    /// </summary>
    public static IServiceCollection AddResultsUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResultsUiOptions>().Bind(configuration.GetSection(ResultsUiOptions.SectionName));
        services.AddOptions<ImageValidationOptions>().Bind(configuration.GetSection(ImageValidationOptions.SectionName));
        services.AddOptions<ThumbnailOptions>().Bind(configuration.GetSection(ThumbnailOptions.SectionName));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ImageValidator>();
        services.TryAddSingleton<DecodeGate>();
        services.TryAddSingleton<Thumbnailer>();
        services.TryAddSingleton<ThumbnailCache>();

        services.TryAddSingleton<ThumbnailUrlIssuer>();
        services.TryAddScoped<ResultImageLoader>();
        services.TryAddScoped<LargeObjectImageProbe>();
        services.TryAddSingleton<ResultExporter>();
        services.TryAddScoped<ResultsJsInterop>();
        services.TryAddScoped<PlanHistory>();
        return services;
    }
}
