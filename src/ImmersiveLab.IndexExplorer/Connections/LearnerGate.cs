using System.Collections.Concurrent;

namespace ImmersiveLab.IndexExplorer.Connections;

/// <summary>
/// One explorer operation at a time per learner (generate, build, sweep, filtered demo). A learner role may hold
/// only a few connections, and the learner's own session needs one of them.
/// </summary>
public sealed class LearnerGate
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    public bool IsBusy(Guid learnerId) => _gates.TryGetValue(learnerId, out var g) && g.CurrentCount == 0;

    public async Task<IDisposable> EnterAsync(Guid learnerId, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(learnerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
