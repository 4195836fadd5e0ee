using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using Microsoft.Extensions.DependencyInjection;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Workbook.Tests;

[Collection(nameof(WorkbookCollection))]
public sealed class WorkbookSessionTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private Lab Welcome => fixture.Get<ILabCatalog>().Find("welcome")!;

    /// <summary>A circuit's scope with its own learner, as the web app makes one per browser tab.</summary>
    private async Task<(AsyncServiceScope Scope, WorkbookSession Session, ImmersiveLab.Sandbox.Learners.LearnerRef Learner)> NewCircuitAsync(TimeProvider? time = null)
    {
        var learner = await fixture.NewLearnerAsync();
        var scope = fixture.Services.CreateAsyncScope();
        object[] arguments = time is null ? [new FixedLearner(learner)] : [new FixedLearner(learner), time];
        var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, arguments);
        return (scope, session, learner);
    }

    [Fact]
    public async Task Running_a_cell_keeps_its_result_and_records_the_run()
    {
        var (scope, session, learner) = await NewCircuitAsync();
        await using var _ = scope;
        var cell = Welcome.Document("en").FindCell("edit-me")!;
        var changes = 0;
        session.State(Welcome.Id, "edit-me").Changed += () => changes++;
        var otherCell = 0;
        session.State(Welcome.Id, "hello").Changed += () => otherCell++;

        var run = await session.RunCellAsync(Welcome.Id, cell, "SELECT 6 * 7 AS answer;", Ct);

        Assert.True(run.Result.Succeeded);
        Assert.Equal(42, run.Result.Statements[0].Rows[0][0]);
        Assert.Same(run.Result, session.State(Welcome.Id, "edit-me").LastRun);
        Assert.False(session.State(Welcome.Id, "edit-me").IsRunning);
        Assert.True(changes >= 2, "the cell's view hears when the run starts and ends");
        Assert.Equal(0, otherCell); // another cell's view hears nothing
        var progress = await session.GetProgressAsync(Welcome.Id, Ct);
        Assert.Equal(1, progress.Cell("edit-me")!.Runs);
        Assert.Equal(learner.Id, session.Learner!.Id);
    }

    [Fact]
    public async Task Opening_another_step_lets_go_of_the_results_of_cells_not_on_it()
    {
        var (scope, session, _) = await NewCircuitAsync();
        await using var _ = scope;
        var doc = Welcome.Document("en");
        var here = doc.FindCell("edit-me")!;
        var elsewhere = doc.FindCell("whoami")!;
        Assert.NotEqual(doc.Steps.First(s => s.Cells.Contains(here)).Number, doc.Steps.First(s => s.Cells.Contains(elsewhere)).Number);
        await session.RunCellAsync(Welcome.Id, here, "SELECT 1;", Ct);
        await session.RunCellAsync(Welcome.Id, elsewhere, elsewhere.Sql, Ct);
        var check = session.State(Welcome.Id, "edit-me").LastCheck;

        session.ReleaseResultsExcept(Welcome.Id, new HashSet<string> { "edit-me" });

        Assert.NotNull(session.State(Welcome.Id, "edit-me").LastRun);
        Assert.Null(session.State(Welcome.Id, "whoami").LastRun);
        Assert.Equal(check, session.State(Welcome.Id, "edit-me").LastCheck);
        session.ReleaseResultsExcept("another-lab", new HashSet<string> { "edit-me" });
        Assert.Null(session.State(Welcome.Id, "edit-me").LastRun);
        Assert.Equal(1, (await session.GetProgressAsync(Welcome.Id, Ct)).Cell("whoami")!.Runs); // the record of the run stays
    }

    [Fact]
    public async Task A_shown_result_holds_its_bytes_of_the_learners_budget_until_it_goes()
    {
        var (scope, session, learner) = await NewCircuitAsync();
        await using var _ = scope;
        var kept = fixture.Get<KeptResults>();
        var doc = Welcome.Document("en");
        var here = doc.FindCell("edit-me")!;
        var elsewhere = doc.FindCell("whoami")!;
        const string Rows = "SELECT g, repeat('x', 1000) FROM generate_series(1, 50) g;";

        var first = (await session.RunCellAsync(Welcome.Id, here, Rows, Ct)).Result;
        Assert.InRange(first.ResultBytes, 50_000, 60_000);
        Assert.Equal(first.ResultBytes, kept.For(learner.Id));
        var rerun = (await session.RunCellAsync(Welcome.Id, here, Rows, Ct)).Result;
        Assert.Equal(rerun.ResultBytes, kept.For(learner.Id)); // the new result replaced the old one: counted once
        var other = (await session.RunCellAsync(Welcome.Id, elsewhere, elsewhere.Sql, Ct)).Result;
        Assert.Equal(rerun.ResultBytes + other.ResultBytes, kept.For(learner.Id));

        session.ReleaseResultsExcept(Welcome.Id, new HashSet<string> { "edit-me" });
        Assert.Equal(rerun.ResultBytes, kept.For(learner.Id));

        await session.DisposeAsync(); // the circuit closed
        Assert.Equal(0, kept.For(learner.Id));
    }

    [Fact]
    public async Task A_read_only_cell_always_runs_the_labs_text()
    {
        var (scope, session, _) = await NewCircuitAsync();
        await using var _ = scope;
        var cell = Welcome.Document("en").FindCell("hello")!;
        Assert.Equal(SqlCellKind.ReadOnly, cell.Kind);

        var run = await session.RunCellAsync(Welcome.Id, cell, "CREATE TABLE sneaky (x int);", Ct);

        Assert.Equal("greeting", run.Result.Statements.Single().Columns[0].Name);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SaveEditAsync(Welcome.Id, cell, "SELECT 1", Ct));
    }

    [Fact]
    public async Task Solving_an_exercise_marks_it_solved_in_the_stored_progress()
    {
        var (scope, session, _) = await NewCircuitAsync();
        await using var _ = scope;
        var notes = Welcome.Document("en").FindCell("notes")!;

        var wrong = await session.RunCellAsync(Welcome.Id, notes, "CREATE TABLE notes (id int, body text); INSERT INTO notes VALUES (1, 'a');", Ct);
        Assert.Equal(CheckStatus.Failed, wrong.Check!.Status);
        Assert.False((await session.GetProgressAsync(Welcome.Id, Ct)).Solved("notes"));

        var right = await session.RunCellAsync(Welcome.Id, notes, "INSERT INTO notes VALUES (2, 'b'), (3, 'c');", Ct);
        Assert.True(right.Check!.Passed, right.Check.Message);
        Assert.Same(right.Check, session.State(Welcome.Id, "notes").LastCheck);
        Assert.True((await session.GetProgressAsync(Welcome.Id, Ct)).Solved("notes"));
    }

    [Fact]
    public async Task Edits_are_kept_and_run_all_up_to_here_replays_them_after_a_sandbox_reset()
    {
        var (scope, session, learner) = await NewCircuitAsync();
        await using var _ = scope;
        var doc = Welcome.Document("en");
        var notes = doc.FindCell("notes")!;
        const string mine = "CREATE TABLE notes (id int, body text);\nINSERT INTO notes VALUES (1, 'x'), (2, 'y'), (3, 'z');";
        await session.SaveEditAsync(Welcome.Id, notes, mine, Ct);
        Assert.Equal(mine, (await session.GetEditsAsync(Welcome.Id, Ct))["notes"]);
        await session.RunCellAsync(Welcome.Id, notes, mine, Ct);

        await session.ResetSandboxAsync(Ct);
        Assert.Null(session.State(Welcome.Id, "notes").LastRun);
        var gone = await fixture.Get<SqlRunner>().RunAsync(learner, "SELECT to_regclass('public.notes') IS NULL", Ct);
        Assert.Equal(true, gone.Statements[0].Rows[0][0]);

        var outcome = await session.RunAllUpToAsync(Welcome.Id, doc, "notes", Ct);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(doc.Cells.TakeWhile(c => c.Id != "notes").Count() + 1, outcome.Ran);
        Assert.True(session.State(Welcome.Id, "notes").LastCheck!.Passed);

        await session.ResetEditAsync(Welcome.Id, notes, Ct);
        Assert.False((await session.GetEditsAsync(Welcome.Id, Ct)).ContainsKey("notes"));
    }

    [Fact]
    public async Task Run_all_stops_at_the_first_failing_cell_and_names_it()
    {
        var (scope, session, _) = await NewCircuitAsync();
        await using var _ = scope;
        var doc = Welcome.Document("en");
        await session.SaveEditAsync(Welcome.Id, doc.FindCell("edit-me")!, "SELECT no_such_column;", Ct);

        var outcome = await session.RunAllUpToAsync(Welcome.Id, doc, "notes", Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal("edit-me", outcome.FailedCellId);
        Assert.Contains("no_such_column", outcome.Failure);
        await Assert.ThrowsAsync<ArgumentException>(() => session.RunAllUpToAsync(Welcome.Id, doc, "no-such-cell", Ct));
    }

    [Fact]
    public async Task A_running_cell_can_be_cancelled()
    {
        var (scope, session, _) = await NewCircuitAsync();
        await using var _ = scope;
        var cell = Welcome.Document("en").FindCell("edit-me")!;

        Assert.True((await session.RunCellAsync(Welcome.Id, cell, "SELECT 1;", Ct)).Result.Succeeded); // the sandbox exists
        // Outlasts the statement timeout (15 s), which would end it with the same SQLSTATE but not as cancelled.
        var running = session.RunCellAsync(Welcome.Id, cell, "SELECT pg_sleep(20);", Ct);
        await fixture.UntilServerRunsAsync("pg_sleep(20)");
        Assert.True(session.State(Welcome.Id, "edit-me").IsRunning);
        Assert.True(session.Cancel(Welcome.Id, "edit-me"));
        var run = await running;

        Assert.True(run.Result.Cancelled, "the run says it was cancelled");
        Assert.Equal("57014", run.Result.Statements.Single().Error?.SqlState);
        Assert.False(session.Cancel(Welcome.Id, "edit-me"));
    }

    [Fact]
    public async Task Time_spent_counts_gaps_between_actions_up_to_the_limit_and_is_saved_per_step()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (scope, session, _) = await NewCircuitAsync(clock);
        await using var _ = scope;

        await session.OpenStepAsync(Welcome.Id, 1, Ct);
        clock.Advance(TimeSpan.FromSeconds(50));
        await session.OpenStepAsync(Welcome.Id, 2, Ct);     // 50 s to step 1
        clock.Advance(TimeSpan.FromHours(3));
        await session.OpenStepAsync(Welcome.Id, 1, Ct);     // capped at 5 min to step 2
        clock.Advance(TimeSpan.FromSeconds(20));
        await session.DisposeAsync();                       // the circuit ends: 20 s more to step 1

        var progress = await fixture.Get<ProgressStore>().GetLabAsync(session.Learner!.Id, Welcome.Id, Ct);
        Assert.Equal(70, progress.Steps.Single(s => s.Step == 1).SecondsSpent);
        Assert.Equal(300, progress.Steps.Single(s => s.Step == 2).SecondsSpent);
        Assert.Equal((Welcome.Id, 1), session.Position);
    }

    [Fact]
    public async Task Setup_cells_of_a_step_run_in_order()
    {
        var (scope, session, learner) = await NewCircuitAsync();
        await using var _ = scope;
        var doc = TestLabText.Parse("Intro.\n\n## Step\n\n"
            + TestLabText.Fence("sql setup id=make", "CREATE TABLE IF NOT EXISTS prepared (x int);")
            + TestLabText.Fence("sql setup id=fill", "INSERT INTO prepared VALUES (1);")
            + TestLabText.Fence("sql id=use", "SELECT count(*) FROM prepared;"));

        var runs = await session.RunSetupCellsAsync("test-lab", doc.Steps[0], Ct);

        Assert.Equal(["make", "fill"], runs.Select(r => r.CellId));
        Assert.All(runs, r => Assert.True(r.Result.Succeeded));
        var count = await fixture.Get<SqlRunner>().RunAsync(learner, "SELECT count(*) FROM prepared", Ct);
        Assert.Equal(1L, count.Statements[0].Rows[0][0]);
    }
}
