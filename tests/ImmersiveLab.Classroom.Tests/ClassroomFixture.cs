using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Classroom.Tests;

/// <summary>A real cluster with the labs of the repository, sandboxes and the classroom services.</summary>
public sealed class ClassroomFixture : LabServerFixture
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
        services.AddLabs(configuration);
        services.AddSandboxes(configuration, backgroundServices: false);
        services.AddClassroom(configuration, backgroundServices: false);
        services.AddSingleton<ImmersiveLab.Workbook.ProgressStore>();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

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

    public async Task<CellRunResult> RunOkAsync(LearnerRef learner, string sql)
    {
        var run = await Get<SqlRunner>().RunAsync(learner, sql, CancellationToken.None);
        Assert.True(run.Error is null && run.Statements.All(s => s.Error is null), run.Error?.Message ?? run.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
        return run;
    }
}

[CollectionDefinition(nameof(ClassroomCollection))]
public sealed class ClassroomCollection : ICollectionFixture<ClassroomFixture>;
