using ImmersiveLab.Sandbox.Connections;
using Npgsql;

namespace ImmersiveLab.Sandbox.Sessions;

/// <summary>Opens a learner's dedicated session connection to their sandbox, as their own role, on its server.</summary>
public sealed class SessionConnector(SandboxConnections connections)
{
    public const string ApplicationName = "immersivelab-learner";

    /// <summary>Opens the learner's connection, reusing <paramref name="dataSource"/> (and its loaded types) when it still works.</summary>
    internal Task<(NpgsqlDataSource DataSource, NpgsqlConnection Connection)> OpenAsync(
        Guid learnerId, NpgsqlDataSource? dataSource, CancellationToken ct) =>
        connections.OpenAsync(learnerId, dataSource, ApplicationName, ForSession, ct);

    private static void ForSession(NpgsqlConnectionStringBuilder cs)
    {
        // The session holds its connection; closing it must really close it (the database may be dropped).
        cs.Pooling = false;
        // Deadlines and cancellation are ours (tokens); Npgsql's own command timeout would break the session.
        cs.CommandTimeout = 0;
        cs.Timeout = 15;
        // Details (e.g. "Key (id)=(1) already exists.") are about the learner's own data: show them.
        cs.IncludeErrorDetail = true;
    }
}
