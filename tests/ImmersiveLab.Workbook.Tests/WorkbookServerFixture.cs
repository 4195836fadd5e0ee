using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using ImmersiveLab.Labs;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ImmersiveLab.SampleImages;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>A real embedded PostgreSQL with the workbook's services over it and the repository's labs.</summary>
public class WorkbookServerFixture : SandboxServerFixture
{
    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var configuration = base.Configuration(dataDirectory);
        configuration["Labs:LabsDirectory"] = RepoPaths.Labs;
        configuration["Labs:SampleImagesDirectory"] = RepoPaths.SampleImages;
        return configuration;
    }

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        base.ConfigureServices(services, configuration);
        services.AddLabs(configuration);
        // The template's lab.sample_images holds the real sample photos, as in the app: labs query them.
        services.AddImaging(configuration);
        services.AddSampleImagesInTemplate(_ => RepoPaths.SampleImages);
        services.AddWorkbook(configuration);
    }
}

[CollectionDefinition(nameof(WorkbookCollection))]
public sealed class WorkbookCollection : ICollectionFixture<WorkbookServerFixture>;
