using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Sandbox.Tests.Admission;

/// <summary>
/// The runner behind its admission on a real cluster. The tests make the server "busy" by taking every slot of the
/// app's own <see cref="RunAdmission"/> themselves, so nothing depends on how long a query takes.
/// </summary>
[Collection(nameof(SandboxCollection))]
public sealed class RunnerAdmissionTests(SandboxFixture fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly CancellationToken None = CancellationToken.None;

    private RunAdmission Admission => fixture.Services.GetRequiredService<RunAdmission>();

    private async Task<List<IDisposable>> TakeEverySlotAsync()
    {
        var slots = new List<IDisposable>();
        for (var i = 0; i < Admission.Capacity; i++) slots.Add(await Admission.EnterAsync(null, None).WaitAsync(Generous));
        return slots;
    }

    [Fact]
    public async Task On_a_busy_server_a_run_reports_its_place_in_the_queue_then_runs_when_a_slot_frees()
    {
        var me = await fixture.NewLearnerAsync("queued");
        await fixture.RunOkAsync(me, "SELECT 1"); // the sandbox exists: the wait below is only the queue's
        var slots = await TakeEverySlotAsync();
        var wait = new RecordingProgress();

        var run = fixture.Runner.RunAsync(me, "SELECT 42", None, wait);
        await WaitUntilAsync(() => wait.Reports.Count > 0);

        Assert.False(run.IsCompleted);
        Assert.Equal((RunWaitKind.Queued, 1, 1), (wait.Last!.Kind, wait.Last.Position, wait.Last.Waiting));
        slots[0].Dispose();
        var cell = await run.WaitAsync(Generous);
        Assert.True(cell.Succeeded, cell.Error?.Message);
        Assert.Equal(42, cell.Statements[0].Rows[0][0]);
        Assert.Equal([RunWaitKind.Queued, RunWaitKind.Started], wait.Reports.Select(r => r.Kind));
        foreach (var s in slots.Skip(1)) s.Dispose();
        Assert.Equal(0, Admission.Running);
    }

    [Fact]
    public async Task A_run_that_never_waited_reports_nothing()
    {
        var me = await fixture.NewLearnerAsync("free");
        var wait = new RecordingProgress();

        var cell = await fixture.Runner.RunAsync(me, "SELECT 1", None, wait);

        Assert.True(cell.Succeeded, cell.Error?.Message);
        Assert.Empty(wait.Reports);
    }

    [Fact]
    public async Task A_learner_with_too_many_runs_pending_is_refused_at_once_with_a_clear_error()
    {
        var me = await fixture.NewLearnerAsync("pending");
        var limit = fixture.Options.MaxPendingRunsPerLearner;
        var slots = await TakeEverySlotAsync();
        List<Task<Execution.CellRunResult>> pending;
        Execution.CellRunResult refused;
        try
        {
            // From several tabs: one waits for a slot, the others for the learner's session.
            pending = Enumerable.Range(0, limit).Select(i => fixture.Runner.RunAsync(me, $"SELECT {i}", None)).ToList();

            refused = await fixture.Runner.RunAsync(me, "SELECT 'one too many'", None).WaitAsync(Generous);
            Assert.All(pending, p => Assert.False(p.IsCompleted));
        }
        finally
        {
            foreach (var s in slots) s.Dispose();
        }

        Assert.NotNull(refused.Error);
        Assert.Contains($"You already have {limit} runs going or waiting", refused.Error!.Message);
        Assert.Equal("53300", refused.Error.SqlState);
        Assert.Empty(refused.Statements);
        var done = await Task.WhenAll(pending).WaitAsync(Generous);
        Assert.All(done, c => Assert.True(c.Succeeded, c.Error?.Message));
        // Finished runs no longer count: the learner may run again.
        Assert.True((await fixture.RunAsync(me, "SELECT 1")).Succeeded);
    }

    [Fact]
    public async Task Cancelling_a_queued_run_frees_its_place_and_says_so()
    {
        var me = await fixture.NewLearnerAsync("cancel-q");
        await fixture.RunOkAsync(me, "SELECT 1");
        var slots = await TakeEverySlotAsync();
        try
        {
            var wait = new RecordingProgress();
            var run = fixture.Runner.RunAsync(me, "SELECT 1", None, wait);
            await WaitUntilAsync(() => wait.Reports.Count > 0);

            Assert.True(fixture.Runner.Cancel(me.Id));

            var cell = await run.WaitAsync(Generous);
            Assert.Equal("Cancelled while waiting for a free slot.", cell.Error?.Message);
            Assert.Equal(0, Admission.Waiting);
        }
        finally
        {
            foreach (var s in slots) s.Dispose();
        }
        Assert.True((await fixture.RunAsync(me, "SELECT 1")).Succeeded);
    }

    [Fact]
    public async Task Failed_refused_and_cancelled_runs_give_their_slots_back()
    {
        var me = await fixture.NewLearnerAsync("fails");
        using var cancelled = new CancellationTokenSource();

        Assert.Equal("22012", (await fixture.RunAsync(me, "SELECT 1/0")).Statements[0].Error?.SqlState);
        Assert.NotNull((await fixture.RunAsync(me, new string('x', fixture.Options.MaxCellChars + 1))).Error);
        var sleeping = fixture.RunAsync(me, "SELECT pg_sleep(30)", cancelled.Token);
        await WaitUntilAsync(() => Admission.Running == 1);
        await cancelled.CancelAsync();
        try { await sleeping.WaitAsync(Generous); } catch (OperationCanceledException) { }

        await WaitUntilAsync(() => Admission.Running == 0);
        // Every slot is free again: as many learners as there are slots run at once without queueing.
        var others = await Task.WhenAll(Enumerable.Range(0, Admission.Capacity).Select(_ => fixture.NewLearnerAsync("after")));
        foreach (var o in others) await fixture.RunOkAsync(o, "SELECT 1");
        var waits = others.Select(_ => new RecordingProgress()).ToList();
        var slots = await Task.WhenAll(others.Select((_, i) => Admission.EnterAsync(waits[i], None))).WaitAsync(Generous);
        Assert.All(waits, w => Assert.Empty(w.Reports));
        foreach (var s in slots) s.Dispose();
    }

    /// <summary>Polls a condition the product reaches on its own (a report, a slot taken); fails after a generous bound.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Generous);
        while (!condition()) await Task.Delay(20, limit.Token);
    }
}
