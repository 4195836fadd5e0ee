using Npgsql;

namespace ImmersiveLab.IndexExplorer.Connections;

/// <summary>
/// Connections to a learner's sandbox as the learner's own role. The explorer never uses the learner's interactive
/// session: a long index build must not block their cells. The data source belongs to the factory (do not dispose
/// it); it must have pgvector's types mapped (<c>UseVector()</c>).
/// </summary>
public interface ILearnerConnectionFactory
{
    Task<NpgsqlDataSource> OpenForLearnerAsync(Guid learnerId, CancellationToken ct);
}
