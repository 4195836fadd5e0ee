using ImmersiveLab.Database.Hosts;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>What a learner is told when the server holding their sandbox cannot be used (it stays where it is).</summary>
internal static class UnavailableServer
{
    public static LabUnavailableException For(SandboxHost host, Exception? inner = null) =>
        new($"Your sandbox lives on the database server '{host.Key}', which is not available right now. Your progress is kept; " +
            "try again in a while or ask your instructor.", inner);

    public static LabUnavailableException NotConfigured(string key) =>
        new($"Your sandbox lives on the database server '{key}', which this app is not configured for (Database:SandboxServers). " +
            "Ask your instructor.");

    public static LabUnavailableException NoRoom(IEnumerable<PlacementCandidate> candidates) =>
        new("No database server can take a new sandbox right now (" +
            string.Join(", ", candidates.Select(c => c.Available ? $"'{c.Key}' full at {c.Sandboxes}" : $"'{c.Key}' unavailable")) +
            "). Ask your instructor.");

    /// <summary>The server did not answer, or is shutting down (as opposed to an error about what was asked): worth a probe.</summary>
    public static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e switch
        {
            Npgsql.PostgresException p => p.SqlState is Npgsql.PostgresErrorCodes.AdminShutdown or Npgsql.PostgresErrorCodes.CrashShutdown
                or Npgsql.PostgresErrorCodes.CannotConnectNow,
            Npgsql.NpgsqlException => true,
            _ => false,
        };
}
