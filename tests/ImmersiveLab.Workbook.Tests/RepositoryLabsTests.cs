using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>
/// Every lab in the repository's labs/ runs from start to finish in a fresh sandbox, solutions and checks included:
/// a lesson that stops working breaks the build, with the file and line to fix.
/// </summary>
[Collection(nameof(WorkbookCollection))]
public sealed class RepositoryLabsTests(WorkbookServerFixture fixture)
{
    [Fact]
    public async Task Every_lab_in_the_repository_runs_and_its_exercises_pass_with_their_solutions()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));

        var report = await fixture.Get<LabVerifier>().VerifyAsync(RepoPaths.Labs, null, checkBeforeSolution: true, null, timeout.Token);

        Assert.NotEmpty(report.Labs);
        Assert.True(report.Passed, "imlab labs check found problems:\n" + report);
    }
}
