using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ImmersiveLab.SampleImages;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>A real embedded PostgreSQL with the workbook's services over it and the repository's labs.</summary>
public class WorkbookServerFixture : LabServerFixture
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
        services.AddLabs(configuration);
        // The template's lab.sample_images holds the real sample photos, as in the app: labs query them.
        services.AddImaging(configuration);
        services.AddSampleImagesInTemplate(_ => RepoPaths.SampleImages);
        services.AddSandboxes(configuration, backgroundServices: false);
        services.AddWorkbook(configuration);
    }

    /// <summary>A learner of its own (with a sandbox on first run), so tests never see each other's state.</summary>
    public Task<LearnerRef> NewLearnerRefAsync() =>
        Get<LearnerDirectory>().GetOrCreateAsync("test-" + Guid.NewGuid().ToString("N")[..16], null, CancellationToken.None);

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A new learner row of its own, so tests never see each other's progress.</summary>
    public async Task<Guid> NewLearnerAsync(string? name = null)
    {
        await using var cmd = Server.Metadata.CreateCommand("INSERT INTO learners (name) VALUES ($1) RETURNING id");
        cmd.Parameters.AddWithValue(name ?? "test-" + Guid.NewGuid().ToString("N")[..12]);
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }
}

[CollectionDefinition(nameof(WorkbookCollection))]
public sealed class WorkbookCollection : ICollectionFixture<WorkbookServerFixture>;
