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
    public async Task<byte[]?> ReadLargeObjectAsync(Guid learnerId, uint oid, int maxBytes, CancellationToken ct)
    {
        if (await learners.FindAsync(learnerId, ct) is not { } learner) return null;
        return (await store.TryReadAsync(learner, oid, maxBytes, ct))?.Bytes;
    }
}
