using System.Diagnostics;
using ImmersiveLab.Sandbox.Telemetry;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox.Admission;

/// <summary>
/// A first-come, first-served gate in front of the server: at most <see cref="Capacity"/> learner runs execute at
/// once in this app instance; the others wait in order and are told their position whenever it changes. A learner
/// holds at most one slot (their runs are serialized by their session), so one learner's runaway query costs the
/// class one slot, not the server.
/// </summary>
public sealed class RunAdmission
{
    private readonly object _gate = new();
    // Reports go out in the order the queue changed (a position never goes back up), and a waiter is granted or
    // abandoned only after any report already under way to it: nobody hears "queued" once they run. Progress
    // callbacks therefore run under this lock and must not block.
    private readonly object _notifyGate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly TimeSpan _timeout;
    private readonly SandboxMetrics? _metrics;
    private readonly TimeProvider _time;
    private int _running;

    /// <param name="time">Measures the waits and ends them after Sandbox:QueueTimeout (the system clock when null).</param>
    public RunAdmission(IOptions<SandboxOptions> options, SandboxMetrics? metrics = null, TimeProvider? time = null)
    {
        var o = options.Value;
        Capacity = o.MaxConcurrentRuns > 0 ? o.MaxConcurrentRuns : Math.Max(4, 2 * Environment.ProcessorCount);
        _timeout = o.QueueTimeout;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        metrics?.ObserveAdmission(() => Running, () => Waiting, Capacity);
    }

    public int Capacity { get; }

    public int Running
    {
        get { lock (_gate) return _running; }
    }

    public int Waiting
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>
    /// Waits for a slot; dispose the result to free it. Throws OperationCanceledException when <paramref name="ct"/>
    /// is cancelled while waiting, RunQueueTimeoutException after Sandbox:QueueTimeout.
    /// </summary>
    public async Task<IDisposable> EnterAsync(IProgress<RunWait>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var waiter = new Waiter(progress, _time);
        using var span = SandboxTelemetry.Source.StartActivity(SandboxTelemetry.AdmissionSpan);
        var position = 0;
        lock (_gate)
        {
            if (_running < Capacity && _queue.Count == 0) _running++;
            else
            {
                waiter.Node = _queue.AddLast(waiter);
                position = _queue.Count;
            }
        }
        if (position == 0)
        {
            RecordWait(span, TimeSpan.Zero, SandboxMetrics.Outcomes.Admitted);
            return new Slot(this);
        }
        span?.SetTag(SandboxTelemetry.QueuePositionTag, position);
        NotifyPositions();

        using var timeout = new CancellationTokenSource(_timeout, _time);
        try
        {
            await using (ct.Register(() => Abandon(waiter, timedOut: false)))
            await using (timeout.Token.Register(() => Abandon(waiter, timedOut: true)))
            {
                // Completes with a slot handed over by Release, or faults after Abandon removed the waiter: never both.
                await waiter.Granted.Task.ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or RunQueueTimeoutException)
        {
            RecordWait(span, waiter.Waited, e is RunQueueTimeoutException ? SandboxMetrics.Outcomes.TimedOut : SandboxMetrics.Outcomes.Cancelled);
            throw;
        }
        RecordWait(span, waiter.Waited, SandboxMetrics.Outcomes.Admitted);
        return new Slot(this);
    }

    private void RecordWait(Activity? span, TimeSpan waited, string outcome)
    {
        _metrics?.QueueWaited(waited, outcome);
        span?.SetTag(SandboxTelemetry.OutcomeTag, outcome);
        if (outcome != SandboxMetrics.Outcomes.Admitted) span?.SetStatus(ActivityStatusCode.Error);
    }

    private void Release()
    {
        Waiter? next;
        lock (_gate)
        {
            next = _queue.First?.Value;
            if (next is null) _running--;
            else
            {
                _queue.RemoveFirst();
                next.Node = null; // the slot passes to it: _running stays
            }
        }
        if (next is null) return;
        lock (_notifyGate) next.Granted.TrySetResult();
        NotifyPositions();
    }

    private void Abandon(Waiter waiter, bool timedOut)
    {
        lock (_gate)
        {
            if (waiter.Node is null) return; // already granted
            _queue.Remove(waiter.Node);
            waiter.Node = null;
        }
        lock (_notifyGate)
        {
            if (timedOut) waiter.Granted.TrySetException(new RunQueueTimeoutException(waiter.Waited));
            else waiter.Granted.TrySetCanceled();
        }
        NotifyPositions();
    }

    private void NotifyPositions()
    {
        lock (_notifyGate)
        {
            List<(Waiter Waiter, int Position)> snapshot;
            int count;
            lock (_gate)
            {
                count = _queue.Count;
                snapshot = _queue.Select((w, i) => (w, i + 1)).ToList();
            }
            foreach (var (w, position) in snapshot)
                if (w.Progress is not null && w.LastPosition != position)
                {
                    w.LastPosition = position;
                    w.Progress.Report(new RunWait(RunWaitKind.Queued, position, count, w.Waited));
                }
        }
    }

    private sealed class Waiter(IProgress<RunWait>? progress, TimeProvider time)
    {
        private readonly long _arrived = time.GetTimestamp();
        public IProgress<RunWait>? Progress { get; } = progress;
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TimeSpan Waited => time.GetElapsedTime(_arrived);
        public LinkedListNode<Waiter>? Node { get; set; }
        public int LastPosition { get; set; }
    }

    private sealed class Slot(RunAdmission owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release();
        }
    }
}
