using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.IndexExplorer.Connections;

/// <summary>Self-paced mode: the implicit solo learner.</summary>
public sealed class SoloExplorerLearner(LearnerDirectory directory) : IExplorerLearner
{
    public async Task<Guid> GetLearnerIdAsync(CancellationToken ct) => (await directory.GetOrCreateSoloAsync(ct)).Id;
}
