using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.Workbook;

namespace ImmersiveLab.Web.Learners;

/// <summary>The index explorer works for the circuit's learner, as the workbook and the image search do.</summary>
public sealed class CircuitExplorerLearner(ICurrentLearner learner) : IExplorerLearner
{
    public async Task<Guid> GetLearnerIdAsync(CancellationToken ct) => (await learner.GetAsync(ct)).Id;
}
