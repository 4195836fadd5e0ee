using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.ImageSearch.Learners;

/// <summary>
/// Whose sandbox a search runs in (scoped: one per Blazor circuit). The host supplies it when it registers the
/// feature (<see cref="ServiceCollectionExtensions.AddImageSearch"/>); without one, searches run as the solo learner.
/// </summary>
public interface IImageSearchLearner
{
    Task<LearnerRef> GetAsync(CancellationToken ct);
}

/// <summary>The implicit learner of solo mode.</summary>
internal sealed class SoloImageSearchLearner(LearnerDirectory directory) : IImageSearchLearner
{
    private LearnerRef? _learner;

    public async Task<LearnerRef> GetAsync(CancellationToken ct) => _learner ??= await directory.GetOrCreateSoloAsync(ct);
}

/// <summary>Adapts the host's own "current learner" service.</summary>
internal sealed class DelegateImageSearchLearner(Func<CancellationToken, Task<LearnerRef>> get) : IImageSearchLearner
{
    public Task<LearnerRef> GetAsync(CancellationToken ct) => get(ct);
}
