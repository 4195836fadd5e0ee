using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.ImageSearch.Tests.Support;

/// <summary>
/// A real embedded PostgreSQL whose template holds the 50 sample images with their vectors, the sandbox services
/// and the image search. Each test makes its own learner (its own sandbox database).
/// </summary>
public sealed class ImageSearchFixture : SandboxServerFixture
{
    protected override bool WithSampleImages => true;

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        base.ConfigureServices(services, configuration);
        services.AddImageSearch(configuration);
    }

    public ImageSearchService Search => Services.GetRequiredService<ImageSearchService>();
    public SqlRunner Runner => Services.GetRequiredService<SqlRunner>();

    /// <summary>The samples in catalog order: lab.sample_images.id = index + 1.</summary>
    public IReadOnlyList<SampleImage> Samples { get; } = SampleImageCatalog.Load(RepoPaths.SampleImages);

}

[CollectionDefinition(nameof(ImageSearchCollection))]
public sealed class ImageSearchCollection : ICollectionFixture<ImageSearchFixture>;
