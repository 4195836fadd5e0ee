using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.TestSupport;

/// <summary>The learner context of a test's scope: always <paramref name="learner"/> (a real learner row, or made up where no database is asked).</summary>
public sealed class FixedLearner(LearnerRef learner) : ILearnerContext
{
    public Task<LearnerRef> GetAsync(CancellationToken ct) => Task.FromResult(learner);
}
