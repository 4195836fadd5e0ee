using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.ImageSearch.Tests.Support;

/// <summary>
/// A real embedded PostgreSQL whose template holds the 50 sample images with their vectors, the sandbox services
/// and the image search. Each test makes its own learner (its own sandbox database).
/// </summary>
public sealed class ImageSearchFixture : LabServerFixture
{
    protected override bool WithSampleImages => true;

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSandboxes(configuration, backgroundServices: false);
        services.AddImageSearch(configuration);
    }

    public ImageSearchService Search => Services.GetRequiredService<ImageSearchService>();
    public SqlRunner Runner => Services.GetRequiredService<SqlRunner>();

    /// <summary>The samples in catalog order: lab.sample_images.id = index + 1.</summary>
    public IReadOnlyList<SampleImage> Samples { get; } = SampleImageCatalog.Load(RepoPaths.SampleImages);

    public Task<LearnerRef> NewLearnerAsync() =>
        Services.GetRequiredService<LearnerDirectory>().GetOrCreateAsync($"is-{Guid.NewGuid():N}"[..24], null, CancellationToken.None);

    /// <summary>Runs SQL that must succeed as the learner; returns the last statement's result.</summary>
    public async Task<StatementResult> RunOkAsync(LearnerRef learner, string sql)
    {
        var run = await Runner.RunAsync(learner, sql, CancellationToken.None);
        Assert.True(run.Error is null, run.Error?.Message);
        var failed = run.Statements.FirstOrDefault(s => s.Error is not null);
        Assert.True(failed is null, $"statement {failed?.Index} failed: {failed?.Error?.Message}");
        return run.Statements[^1];
    }
}

[CollectionDefinition(nameof(ImageSearchCollection))]
public sealed class ImageSearchCollection : ICollectionFixture<ImageSearchFixture>;
