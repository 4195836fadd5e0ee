using ImmersiveLab.Sandbox.Admission;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox.Tests.Admission;

/// <summary>The FIFO gate in front of the server, on its own: slots are handed over by disposing, never by time.</summary>
public sealed class RunAdmissionTests
{
    /// <summary>Only an upper bound for things that should happen at once; a hang fails instead of blocking the run.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
    private static readonly CancellationToken None = CancellationToken.None;

    private static RunAdmission Admission(int capacity, TimeSpan? queueTimeout = null) =>
        new(Options.Create(new SandboxOptions { MaxConcurrentRuns = capacity, QueueTimeout = queueTimeout ?? TimeSpan.FromMinutes(5) }));

    [Fact]
    public async Task Runs_within_capacity_start_at_once_and_say_nothing()
    {
        var admission = Admission(2);
        var progress = new RecordingProgress();

        using var a = await admission.EnterAsync(progress, None);
        using var b = await admission.EnterAsync(progress, None);

        Assert.Equal(2, admission.Running);
        Assert.Equal(0, admission.Waiting);
        Assert.Empty(progress.Reports);
    }

    [Fact]
    public async Task Waiting_runs_get_the_freed_slots_in_the_order_they_came()
    {
        var admission = Admission(1);
        var holder = await admission.EnterAsync(null, None);
        var waiting = Enumerable.Range(0, 4).Select(_ => admission.EnterAsync(null, None)).ToList();
        Assert.Equal(4, admission.Waiting);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        var order = new List<int>();
        var current = holder;
        for (var i = 0; i < waiting.Count; i++)
        {
            current.Dispose();
            var granted = await Task.WhenAny(waiting.Where(w => !order.Contains(waiting.IndexOf(w)))).WaitAsync(Generous);
            order.Add(waiting.IndexOf(granted));
            // Only a release hands a slot over: everyone behind is still waiting.
            Assert.All(waiting.Skip(i + 1), w => Assert.False(w.IsCompleted));
            Assert.Equal(1, admission.Running);
            current = await granted;
        }
        current.Dispose();

        Assert.Equal([0, 1, 2, 3], order);
        Assert.Equal(0, admission.Running);
        Assert.Equal(0, admission.Waiting);
    }

    [Fact]
    public async Task A_waiting_run_is_told_its_position_and_each_move_forward()
    {
        var admission = Admission(1);
        var holder = await admission.EnterAsync(null, None);
        var (first, second, third) = (new RecordingProgress(), new RecordingProgress(), new RecordingProgress());

        var firstRun = admission.EnterAsync(first, None);
        var secondRun = admission.EnterAsync(second, None);
        var thirdRun = admission.EnterAsync(third, None);

        Assert.Equal(new RunWait(RunWaitKind.Queued, 1, 1, first.Last!.Elapsed), first.Last);
        Assert.Equal((RunWaitKind.Queued, 2, 2), (second.Last!.Kind, second.Last.Position, second.Last.Waiting));
        Assert.Equal((RunWaitKind.Queued, 3, 3), (third.Last!.Kind, third.Last.Position, third.Last.Waiting));

        holder.Dispose();
        var firstSlot = await firstRun.WaitAsync(Generous);
        Assert.Equal([1], first.Positions); // nothing after it got the slot
        Assert.Equal([2, 1], second.Positions);
        Assert.Equal([3, 2], third.Positions);
        Assert.Equal(2, third.Last!.Waiting);

        firstSlot.Dispose();
        (await secondRun.WaitAsync(Generous)).Dispose();
        (await thirdRun.WaitAsync(Generous)).Dispose();
        Assert.Equal([2, 1], second.Positions);
        Assert.Equal([3, 2, 1], third.Positions);
        Assert.All([first, second, third], p => Assert.All(p.Reports, r => Assert.True(r.Elapsed >= TimeSpan.Zero)));
    }

    [Fact]
    public async Task Cancelling_a_waiting_run_gives_up_its_place_and_moves_those_behind_it_up()
    {
        var admission = Admission(1);
        var holder = await admission.EnterAsync(null, None);
        using var cancel = new CancellationTokenSource();
        var behind = new RecordingProgress();
        var cancelled = admission.EnterAsync(null, cancel.Token);
        var waiting = admission.EnterAsync(behind, None);
        Assert.Equal([2], behind.Positions);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Generous));
        Assert.Equal(1, admission.Waiting);
        Assert.Equal([2, 1], behind.Positions);
        // The freed slot goes to the run behind, not to the one that left.
        holder.Dispose();
        (await waiting.WaitAsync(Generous)).Dispose();
        Assert.Equal(0, admission.Running);
        Assert.Equal(0, admission.Waiting);
    }

    [Fact]
    public async Task A_token_cancelled_before_entering_takes_no_slot()
    {
        var admission = Admission(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => admission.EnterAsync(null, new CancellationToken(canceled: true)));

        Assert.Equal(0, admission.Running);
        Assert.Equal(0, admission.Waiting);
    }

    [Fact]
    public async Task A_run_that_waits_longer_than_the_queue_timeout_is_refused_and_leaves_the_queue()
    {
        var admission = Admission(1, queueTimeout: TimeSpan.FromMilliseconds(50));
        var holder = await admission.EnterAsync(null, None);
        var behind = new RecordingProgress();

        var timedOut = await Assert.ThrowsAsync<RunQueueTimeoutException>(() => admission.EnterAsync(behind, None).WaitAsync(Generous));

        Assert.True(timedOut.Waited >= TimeSpan.FromMilliseconds(40), timedOut.Waited.ToString());
        Assert.Contains("busy", timedOut.Message);
        Assert.Equal([1], behind.Positions);
        Assert.Equal(0, admission.Waiting);
        holder.Dispose();
        Assert.Equal(0, admission.Running); // the timed-out run got nothing handed over
        (await admission.EnterAsync(null, None).WaitAsync(Generous)).Dispose();
    }

    [Fact]
    public async Task A_slot_is_freed_when_the_run_holding_it_fails_and_freed_only_once()
    {
        var admission = Admission(1);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using var slot = await admission.EnterAsync(null, None);
            throw new InvalidOperationException("the run failed");
        });
        Assert.Equal(0, admission.Running);

        var slot = await admission.EnterAsync(null, None);
        var waiting = admission.EnterAsync(null, None);
        slot.Dispose();
        var next = await waiting.WaitAsync(Generous);
        slot.Dispose(); // a second dispose must not free the slot the next run now holds
        Assert.Equal(1, admission.Running);
        var third = admission.EnterAsync(null, None);
        Assert.False(third.IsCompleted);
        next.Dispose();
        (await third.WaitAsync(Generous)).Dispose();
        Assert.Equal(0, admission.Running);
    }

    [Fact]
    public async Task A_newcomer_does_not_overtake_runs_already_waiting()
    {
        var admission = Admission(2);
        var a = await admission.EnterAsync(null, None);
        var b = await admission.EnterAsync(null, None);
        var waiting = admission.EnterAsync(null, None);

        a.Dispose(); // the slot goes to the waiting run, so there is still no free one
        var handedOver = await waiting.WaitAsync(Generous);
        var newcomer = admission.EnterAsync(null, None);

        Assert.False(newcomer.IsCompleted);
        Assert.Equal(2, admission.Running);
        b.Dispose();
        (await newcomer.WaitAsync(Generous)).Dispose();
        handedOver.Dispose();
        Assert.Equal(0, admission.Running);
    }

    [Fact]
    public void Capacity_defaults_to_twice_the_cores_and_at_least_four()
    {
        Assert.Equal(Math.Max(4, 2 * Environment.ProcessorCount), Admission(0).Capacity);
        Assert.Equal(3, Admission(3).Capacity);
    }
}
