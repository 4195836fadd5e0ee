using ImmersiveLab.Ui.Results.Images;

namespace ImmersiveLab.Ui.Tests.Support;

/// <summary>Large objects per learner, as the sandbox's LargeObjectStore would return them through the learner's role.</summary>
public sealed class FakeBlobReader : ILearnerBlobReader
{
    public Dictionary<(Guid Learner, uint Oid), byte[]> Objects { get; } = new();
    public List<(Guid Learner, uint Oid, int MaxBytes)> Reads { get; } = [];

    public Task<byte[]?> ReadLargeObjectAsync(Guid learnerId, uint oid, int maxBytes, CancellationToken ct)
    {
        Reads.Add((learnerId, oid, maxBytes));
        return Task.FromResult(Objects.TryGetValue((learnerId, oid), out var bytes) ? bytes[..Math.Min(bytes.Length, maxBytes)] : null);
    }
}
