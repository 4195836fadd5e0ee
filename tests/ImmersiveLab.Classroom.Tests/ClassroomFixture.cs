using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Classroom.Tests;

/// <summary>A real cluster with the labs of the repository, sandboxes and the classroom services.</summary>
public sealed class ClassroomFixture : SandboxServerFixture
{
    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var c = base.Configuration(dataDirectory);
        c["Labs:LabsDirectory"] = RepoPaths.Labs;
        c["Labs:SampleImagesDirectory"] = RepoPaths.SampleImages;
        c["Sandbox:StatementTimeout"] = "00:00:10";
        return c;
    }

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        base.ConfigureServices(services, configuration);
        services.AddLabs(configuration);
        services.AddClassroom(configuration, backgroundServices: false);
        services.AddSingleton<ImmersiveLab.Workbook.ProgressStore>();
    }

    public ClassStore Classes => Get<ClassStore>();
    public ClassJoiner Joiner => Get<ClassJoiner>();
    public ILabCatalog Catalog => Get<ILabCatalog>();

    public Task<ClassInfo> NewClassAsync(int max = 100, IReadOnlyList<string>? labs = null) =>
        Classes.CreateAsync(new NewClass("Test class " + Guid.NewGuid().ToString("N")[..6], null, labs, max), CancellationToken.None);

    public async Task<LearnerRef> JoinAsync(ClassInfo cls, string name)
    {
        var outcome = await Joiner.JoinAsync(cls.Code, name, CancellationToken.None);
        Assert.True(outcome.Joined, outcome.Message);
        return outcome.Learner!;
    }
}

[CollectionDefinition(nameof(ClassroomCollection))]
public sealed class ClassroomCollection : ICollectionFixture<ClassroomFixture>;
