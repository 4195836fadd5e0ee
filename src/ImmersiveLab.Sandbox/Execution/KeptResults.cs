namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// The result bytes each learner's pages keep (a circuit keeps the results its page shows, in every tab). A run gets
/// only what is left of Sandbox:MaxLearnerResultBytes; whoever keeps a result (<see cref="CellRunResult.ResultBytes"/>)
/// holds it here and disposes the hold when the result goes. Results used and dropped at once are not held.
/// </summary>
public sealed class KeptResults
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, long> _bytes = new();

    /// <summary>Bytes the learner's pages hold now.</summary>
    public long For(Guid learnerId)
    {
        lock (_lock) return _bytes.GetValueOrDefault(learnerId);
    }

    /// <summary>Records that a page keeps <paramref name="bytes"/> of the learner's results until the hold is disposed.</summary>
    public IDisposable Keep(Guid learnerId, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Add(learnerId, bytes);
        return new Hold(this, learnerId, bytes);
    }

    private void Add(Guid learnerId, long bytes)
    {
        lock (_lock)
        {
            var total = _bytes.GetValueOrDefault(learnerId) + bytes;
            if (total <= 0) _bytes.Remove(learnerId);
            else _bytes[learnerId] = total;
        }
    }

    private sealed class Hold(KeptResults owner, Guid learnerId, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Add(learnerId, -bytes);
        }
    }
}
