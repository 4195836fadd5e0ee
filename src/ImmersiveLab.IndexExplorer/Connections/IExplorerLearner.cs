namespace ImmersiveLab.IndexExplorer.Connections;

/// <summary>
/// The learner the explorer works for when a component is not given one. The host replaces the default (the solo
/// learner) with its own notion of the current learner (e.g. the one a classroom cookie names).
/// </summary>
public interface IExplorerLearner
{
    Task<Guid> GetLearnerIdAsync(CancellationToken ct);
}
