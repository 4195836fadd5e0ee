using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using Microsoft.Extensions.DependencyInjection;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>
/// The session keeps the progress it records instead of reading it back after each Run: what it keeps must be what
/// the store holds, and it tells who listens which lab changed, while the open transaction is told on its own.
/// </summary>
[Collection(nameof(WorkbookCollection))]
public sealed class SessionProgressTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private Lab Welcome => fixture.Get<ILabCatalog>().Find("welcome")!;

    private async Task<(AsyncServiceScope Scope, WorkbookSession Session)> NewCircuitAsync()
    {
        var learner = await fixture.NewLearnerAsync();
        var scope = fixture.Services.CreateAsyncScope();
        return (scope, ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(learner)));
    }

    [Fact]
    public async Task The_progress_the_session_keeps_is_what_the_store_holds_after_visits_runs_and_checks()
    {
        var (scope, session) = await NewCircuitAsync();
        await using var _ = scope;
        var doc = Welcome.Document("en");
        var notes = doc.FindCell("notes")!;
        var changedLabs = new List<string>();
        await session.GetProgressAsync(Welcome.Id, Ct); // the page reads it once when it opens the lab
        session.Progress.Changed += changedLabs.Add;

        await session.OpenStepAsync(Welcome.Id, 1, Ct);
        await session.RunCellAsync(Welcome.Id, doc.FindCell("edit-me")!, "SELECT 6 * 7;", Ct);
        await session.RunCellAsync(Welcome.Id, doc.FindCell("edit-me")!, "SELECT nope;", Ct);
        var wrong = await session.RunCellAsync(Welcome.Id, notes, "CREATE TABLE notes (id int, body text); INSERT INTO notes VALUES (1, 'a');", Ct);
        var right = await session.RunCellAsync(Welcome.Id, notes, "INSERT INTO notes VALUES (2, 'b'), (3, 'c');", Ct);
        Assert.False(wrong.Check!.Passed);
        Assert.True(right.Check!.Passed, right.Check.Message);
        await session.RunCellAsync(Welcome.Id, notes, "DELETE FROM notes;", Ct); // a later failed check: solved stays

        var kept = session.Progress.Of(Welcome.Id)!;
        var stored = await fixture.Get<ProgressStore>().GetLabAsync(session.Learner!.Id, Welcome.Id, Ct);
        Assert.Equal(stored.Steps.Select(s => (s.Step, s.SecondsSpent)), kept.Steps.Select(s => (s.Step, s.SecondsSpent)));
        Assert.Equal(stored.Cells.Select(c => (c.CellId, c.Runs, c.LastError)), kept.Cells.Select(c => (c.CellId, c.Runs, c.LastError)));
        Assert.Equal(stored.Checks.Select(c => (c.CellId, c.Passed, c.Message, c.Solved)), kept.Checks.Select(c => (c.CellId, c.Passed, c.Message, c.Solved)));
        Assert.Equal(2, kept.Cell("edit-me")!.Runs);
        Assert.True(kept.Solved("notes"));
        Assert.False(kept.Check("notes")!.Passed);
        Assert.All(changedLabs, lab => Assert.Equal(Welcome.Id, lab));
        Assert.True(changedLabs.Count >= 6, "a visit and each of the five runs are told");
    }

    [Fact]
    public async Task A_lab_not_read_yet_is_not_guessed_and_reading_all_makes_every_lab_known()
    {
        var (scope, session) = await NewCircuitAsync();
        await using var _ = scope;
        var doc = Welcome.Document("en");

        await session.RunCellAsync(Welcome.Id, doc.FindCell("edit-me")!, "SELECT 1;", Ct);
        Assert.Null(session.Progress.Of(Welcome.Id)); // a count from nothing would be wrong: the first read has it
        Assert.Null(session.Progress.All);

        await session.GetAllProgressAsync(Ct);
        Assert.Equal(1, session.Progress.Of(Welcome.Id)!.Cell("edit-me")!.Runs);
        Assert.Empty(session.Progress.Of("large-objects")!.Cells); // all known: a lab without rows is empty

        await session.RunCellAsync(Welcome.Id, doc.FindCell("edit-me")!, "SELECT 2;", Ct);
        Assert.Equal(2, session.Progress.All![Welcome.Id].Cell("edit-me")!.Runs);
    }

    [Fact]
    public async Task The_open_transaction_is_told_when_it_changes_and_a_run_tells_no_other_cell()
    {
        var (scope, session) = await NewCircuitAsync();
        await using var _ = scope;
        var cell = Welcome.Document("en").FindCell("edit-me")!;
        var status = 0;
        session.StatusChanged += () => status++;
        var other = 0;
        session.State(Welcome.Id, "several").Changed += () => other++;

        await session.RunCellAsync(Welcome.Id, cell, "SELECT 1;", Ct);
        Assert.Equal(0, status); // still idle: nothing to tell
        await session.RunCellAsync(Welcome.Id, cell, "BEGIN;", Ct);
        Assert.Equal(TransactionStatus.InTransaction, session.Transaction);
        Assert.Equal(1, status);
        await session.RunCellAsync(Welcome.Id, cell, "COMMIT;", Ct);
        Assert.Equal(2, status);
        Assert.Equal(0, other);
    }
}
