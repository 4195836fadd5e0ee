using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.SampleImages;

public static class SampleImagesServiceCollectionExtensions
{
    /// <summary>Fills the template's lab.sample_images from a sample-images folder (needs AddImaging).</summary>
    public static IServiceCollection AddSampleImagesInTemplate(this IServiceCollection services, Func<IServiceProvider, string> sampleImagesDirectory) =>
        services.AddSingleton<ISampleImageSource>(sp => new SampleImageSource(
            sampleImagesDirectory(sp),
            sp.GetRequiredService<ImageFeatureExtractor>(),
            sp.GetRequiredService<ModelStore>(),
            sp.GetRequiredService<ILogger<SampleImageSource>>()));
}
