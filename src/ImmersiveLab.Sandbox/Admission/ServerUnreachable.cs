using System.Net.Sockets;
using Npgsql;

namespace ImmersiveLab.Sandbox.Admission;

/// <summary>Errors that mean "the database is not there right now" (restarting, shutting down, network), as
/// opposed to errors about the learner's SQL or credentials: only those are worth waiting out.</summary>
public static class ServerUnreachable
{
    public static bool Is(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException,
        _ => e.InnerException is { } inner && Is(inner),
    };
}
