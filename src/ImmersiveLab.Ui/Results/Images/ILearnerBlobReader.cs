namespace ImmersiveLab.Ui.Results.Images;

/// <summary>
/// Implemented by the host with the sandbox's large object store: reads a large object through the learner's own
/// role, so a learner can only ever see their own large objects.
/// </summary>
public interface ILearnerBlobReader
{
    /// <summary>
    /// The first <paramref name="maxBytes"/> bytes of the large object (fewer when it is smaller), or null when
    /// there is no such large object or the learner may not read it.
    /// </summary>
    Task<byte[]?> ReadLargeObjectAsync(Guid learnerId, uint oid, int maxBytes, CancellationToken ct);
}
