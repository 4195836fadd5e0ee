using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Imaging;

public static class ImagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers validation, thumbnails (with their cache), the model store, the embedder and the feature
    /// extractor. Options come from "Imaging" (limits), "Imaging:Thumbnails", "Imaging:Model" and "Imaging:Embedding".
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImageValidationOptions>(configuration.GetSection(ImageValidationOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImageValidationOptions>, ImageValidationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<ThumbnailOptions>(configuration.GetSection(ThumbnailOptions.SectionName));
        services.Configure<ModelOptions>(configuration.GetSection(ModelOptions.SectionName));
        services.Configure<EmbeddingOptions>(configuration.GetSection(EmbeddingOptions.SectionName));

        services.AddHttpClient(ModelStore.HttpClientName, (sp, client) =>
        {
            client.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<ModelOptions>>().Value.DownloadTimeoutSeconds));
            client.DefaultRequestHeaders.UserAgent.ParseAdd("ImmersiveLab/1.0");
        });
        // Factories, because these classes also have convenience constructors for tools and tests.
        services.AddSingleton(sp => new ImageValidator(sp.GetRequiredService<IOptions<ImageValidationOptions>>()));
        services.TryAddSingleton(sp => new DecodeGate(sp.GetRequiredService<IOptions<ImageValidationOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Thumbnailer(sp.GetRequiredService<ImageValidator>(), sp.GetRequiredService<IOptions<ThumbnailOptions>>(),
            sp.GetRequiredService<ILogger<Thumbnailer>>(), sp.GetRequiredService<DecodeGate>()));
        services.AddSingleton<ThumbnailCache>();
        services.AddSingleton(sp => new ModelStore(sp.GetRequiredService<IOptions<ModelOptions>>(), sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<ILogger<ModelStore>>()));
        services.AddMetrics();
        services.AddSingleton<ImagingMetrics>();
        services.AddSingleton(sp => new ImageEmbedder(sp.GetRequiredService<ModelStore>(), sp.GetRequiredService<ImageValidator>(),
            sp.GetRequiredService<IOptions<EmbeddingOptions>>(), sp.GetRequiredService<ILogger<ImageEmbedder>>(), sp.GetRequiredService<ImagingMetrics>()));
        services.AddSingleton(sp => new ImageFeatureExtractor(sp.GetRequiredService<ImageValidator>(), sp.GetRequiredService<ImageEmbedder>(),
            sp.GetRequiredService<ILogger<ImageFeatureExtractor>>(), sp.GetRequiredService<ImagingMetrics>()));
        return services;
    }
}
