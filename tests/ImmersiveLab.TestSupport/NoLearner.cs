using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.TestSupport;

/// <summary>A learner context that cannot say who the learner is (e.g. the sign-in names a removed learner).</summary>
public sealed class NoLearner : ILearnerContext
{
    public Task<LearnerRef> GetAsync(CancellationToken ct) => throw new InvalidOperationException("no learner");
}
