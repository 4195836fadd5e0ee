using Microsoft.Extensions.Options;

namespace ImmersiveLab.IndexExplorer.Connections;

/// <summary>
/// Server-wide, beside each learner's <see cref="LearnerGate"/>: at most IndexExplorer:MaxConcurrentBuilds dataset loads
/// and index builds run at once in this app (each holds up to IndexExplorer:BuildMaintenanceWorkMem of server memory and
/// a core). The others wait in order, are told their place whenever it changes, and may cancel while they wait.
/// </summary>
public sealed class BuildAdmission
{
    private readonly object _gate = new();
    // A position is reported under this lock, and a waiter is granted under it too: nobody hears "waiting" once they run.
    private readonly object _notifyGate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private int _running;

    public BuildAdmission(IOptions<IndexExplorerOptions> options)
    {
        var o = options.Value;
        Capacity = o.MaxConcurrentBuilds > 0 ? o.MaxConcurrentBuilds : Math.Max(1, Environment.ProcessorCount / 2);
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
    /// Waits for a turn (dispose the result to end it). <paramref name="queued"/> hears the place in line (1: next) while
    /// waiting, and nothing when there was no wait.
    /// </summary>
    public async Task<IDisposable> EnterAsync(IProgress<int>? queued, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var waiter = new Waiter(queued);
        lock (_gate)
        {
            if (_running < Capacity && _queue.Count == 0)
            {
                _running++;
                return new Turn(this);
            }
            waiter.Node = _queue.AddLast(waiter);
        }
        NotifyPositions();
        await using (ct.Register(() => Abandon(waiter)))
            await waiter.Granted.Task.ConfigureAwait(false);
        return new Turn(this);
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
                next.Node = null; // the turn passes to it: _running stays
            }
        }
        if (next is null) return;
        lock (_notifyGate) next.Granted.TrySetResult();
        NotifyPositions();
    }

    private void Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is null) return; // already granted
            _queue.Remove(waiter.Node);
            waiter.Node = null;
        }
        lock (_notifyGate) waiter.Granted.TrySetCanceled();
        NotifyPositions();
    }

    private void NotifyPositions()
    {
        lock (_notifyGate)
        {
            List<(Waiter Waiter, int Position)> snapshot;
            lock (_gate) snapshot = _queue.Select((w, i) => (w, i + 1)).ToList();
            foreach (var (w, position) in snapshot)
                if (w.Progress is not null && w.LastPosition != position)
                {
                    w.LastPosition = position;
                    w.Progress.Report(position);
                }
        }
    }

    private sealed class Waiter(IProgress<int>? progress)
    {
        public IProgress<int>? Progress { get; } = progress;
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node { get; set; }
        public int LastPosition { get; set; }
    }

    private sealed class Turn(BuildAdmission owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release();
        }
    }
}
