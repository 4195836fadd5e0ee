using ImmersiveLab.Sandbox.Admission;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Sandbox.Tests.Admission;

/// <summary>The FIFO gate in front of the server, on its own: slots are handed over by disposing, never by time.</summary>
public sealed class RunAdmissionTests
{
    /// <summary>Only an upper bound for things that should happen at once; a hang fails instead of blocking the run.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
    private static readonly CancellationToken None = CancellationToken.None;

    private static RunAdmission Admission(int capacity, TimeSpan? queueTimeout = null, TimeProvider? time = null) =>
        new(Options.Create(new SandboxOptions { MaxConcurrentRuns = capacity, QueueTimeout = queueTimeout ?? TimeSpan.FromMinutes(5) }),
            time: time ?? new FakeTimeProvider());

    private static RunWait Queued(int position, int waiting, int waitedSeconds) =>
        new(RunWaitKind.Queued, position, waiting, TimeSpan.FromSeconds(waitedSeconds));

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
    public async Task A_waiting_run_is_told_its_position_and_each_move_forward_with_how_long_it_has_waited()
    {
        var time = new FakeTimeProvider();
        var admission = Admission(1, time: time);
        var holder = await admission.EnterAsync(null, None);
        var (first, second, third) = (new RecordingProgress(), new RecordingProgress(), new RecordingProgress());

        var firstRun = admission.EnterAsync(first, None);
        time.Advance(TimeSpan.FromSeconds(1));
        var secondRun = admission.EnterAsync(second, None);
        time.Advance(TimeSpan.FromSeconds(1));
        var thirdRun = admission.EnterAsync(third, None);

        Assert.Equal([Queued(1, 1, 0)], first.Reports);
        Assert.Equal([Queued(2, 2, 0)], second.Reports);
        Assert.Equal([Queued(3, 3, 0)], third.Reports);

        time.Advance(TimeSpan.FromSeconds(3));
        holder.Dispose();
        var firstSlot = await firstRun.WaitAsync(Generous);
        Assert.Equal([Queued(1, 1, 0)], first.Reports); // nothing after it got the slot
        Assert.Equal([Queued(2, 2, 0), Queued(1, 2, 4)], second.Reports);
        Assert.Equal([Queued(3, 3, 0), Queued(2, 2, 3)], third.Reports);

        time.Advance(TimeSpan.FromSeconds(2));
        firstSlot.Dispose();
        (await secondRun.WaitAsync(Generous)).Dispose();
        (await thirdRun.WaitAsync(Generous)).Dispose();
        Assert.Equal([Queued(2, 2, 0), Queued(1, 2, 4)], second.Reports);
        Assert.Equal([Queued(3, 3, 0), Queued(2, 2, 3), Queued(1, 1, 5)], third.Reports);
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
        var time = new FakeTimeProvider();
        var admission = Admission(1, queueTimeout: TimeSpan.FromSeconds(30), time);
        var holder = await admission.EnterAsync(null, None);
        var behind = new RecordingProgress();

        var waiting = admission.EnterAsync(behind, None);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted, "refused before the queue timeout");
        time.Advance(TimeSpan.FromSeconds(1));
        var timedOut = await Assert.ThrowsAsync<RunQueueTimeoutException>(() => waiting.WaitAsync(Generous));

        Assert.Equal(TimeSpan.FromSeconds(30), timedOut.Waited);
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
