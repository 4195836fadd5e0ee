using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>
/// Every lab in the repository's labs/ runs from start to finish in a fresh sandbox, solutions and checks included, and
/// every step alone in a fresh sandbox with its exercises' wrong answers rejected and variants accepted
/// (<c>imlab labs check --each-step</c>): a lesson that stops working breaks the build, with the file and line to fix.
/// </summary>
[Collection(nameof(WorkbookCollection))]
public sealed class RepositoryLabsTests(WorkbookServerFixture fixture)
{
    [Fact]
    public async Task Every_lab_in_the_repository_runs_every_step_alone_and_its_checks_reject_the_wrong_answers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(40));

        var report = await fixture.Get<LabVerifier>().VerifyAsync(RepoPaths.Labs, null, new LabCheckOptions { EachStep = true, Parallelism = 2 }, null, timeout.Token);

        Assert.NotEmpty(report.Labs);
        Assert.True(report.Passed, "imlab labs check --each-step found problems:\n" + report);
        Assert.All(report.Labs, lab => Assert.True(lab.StepsRunAlone > 0 && lab.AnswersProved >= 3 * lab.ExercisesChecked / 2, lab.Folder));
    }
}
