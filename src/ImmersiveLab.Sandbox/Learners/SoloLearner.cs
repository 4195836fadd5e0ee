namespace ImmersiveLab.Sandbox.Learners;

/// <summary>
/// The implicit learner of solo mode (one per process): created in the metadata database on first use, then
/// remembered. The default <see cref="ILearnerContext"/>.
/// </summary>
public sealed class SoloLearner(LearnerDirectory directory) : ILearnerContext
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LearnerRef? _learner;

    /// <summary>The solo learner's id once it was looked up in this process (null before).</summary>
    public Guid? KnownId => _learner?.Id;

    public async Task<LearnerRef> GetAsync(CancellationToken ct)
    {
        if (_learner is { } known) return known;
        await _gate.WaitAsync(ct);
        try
        {
            return _learner ??= await directory.GetOrCreateSoloAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }
}
