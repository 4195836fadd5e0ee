using System.Collections.Concurrent;
using ImmersiveLab.Sandbox.LargeObjects;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Ui.Results.Images;

namespace ImmersiveLab.Web.Learners;

/// <summary>
/// Lets the result views show pictures stored as large objects: the bytes are read in the learner's own session and
/// role (<see cref="LargeObjectStore.TryReadAsync"/>), so an oid from another sandbox or one the learner may not read
/// yields nothing, and never more bytes than asked for (the image limits then apply in the image endpoint).
/// </summary>
public sealed class SandboxBlobReader(LearnerDirectory learners, LargeObjectStore store) : ILearnerBlobReader
{
    // A gallery asks for all its pictures at once; one read at a time per learner keeps them to one of the learner's
    // pending runs (Sandbox:MaxPendingRunsPerLearner), so the pictures never crowd out the learner's own Run.
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _oneAtATime = new();

    public async Task<byte[]?> ReadLargeObjectAsync(Guid learnerId, uint oid, int maxBytes, CancellationToken ct)
    {
        if (await learners.FindAsync(learnerId, ct) is not { } learner) return null;
        var gate = _oneAtATime.GetOrAdd(learnerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return (await store.TryReadAsync(learner, oid, maxBytes, ct))?.Bytes;
        }
        finally
        {
            gate.Release();
        }
    }
}
