using ImmersiveLab.Labs;
using Microsoft.Extensions.DependencyInjection;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>Opening a step as the lab page does it, without a page: visit, results of other steps let go, setup run.</summary>
[Collection(nameof(WorkbookCollection))]
public sealed class StepOpeningTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Opening_a_step_runs_its_setup_in_a_fresh_sandbox_and_lets_go_of_other_steps_results()
    {
        var lab = fixture.Get<ILabCatalog>().Find("large-objects")!;
        var doc = lab.Document("en");
        var step = doc.Steps.First(s => s.Cells.Any(c => c.Id == "setup-owners"));
        var elsewhere = doc.Steps.First(s => s.Number < step.Number && s.Cells.Any(c => c.Kind == SqlCellKind.ReadOnly));
        var other = elsewhere.Cells.First(c => c.Kind == SqlCellKind.ReadOnly);
        await using var scope = fixture.Services.CreateAsyncScope();
        var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(await fixture.NewLearnerAsync()));
        await session.RunCellAsync(lab.Id, other, other.Sql, Ct);
        Assert.NotNull(session.State(lab.Id, other.Id).LastRun);

        var failure = await StepOpening.OpenAsync(session, lab.Id, doc, step.Number, Ct);

        Assert.Null(failure);
        Assert.True(session.State(lab.Id, "setup-owners").LastRun!.Succeeded);
        Assert.Null(session.State(lab.Id, other.Id).LastRun);
        Assert.Equal((lab.Id, step.Number), session.Position);
        Assert.True((await session.GetProgressAsync(lab.Id, Ct)).Visited(step.Number));
    }

    [Fact]
    public async Task A_setup_cell_that_fails_is_named_and_the_rest_of_the_setup_does_not_run()
    {
        var doc = TestLabText.Parse("Intro.\n\n## Step\n\n" + TestLabText.Fence("sql setup id=broken", "SELECT nope;") +
                                    TestLabText.Fence("sql setup id=after", "SELECT 1;"));
        await using var scope = fixture.Services.CreateAsyncScope();
        var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(await fixture.NewLearnerAsync()));

        var failure = await StepOpening.OpenAsync(session, "test-lab", doc, 1, Ct);

        Assert.Contains("nope", failure);
        Assert.Null(session.State("test-lab", "after").LastRun);
    }
}
