using Npgsql;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Finds out whether the session is inside a transaction block. Npgsql does not expose the server's
/// ReadyForQuery status, and with the extended protocol statement_timestamp() differs from
/// transaction_timestamp() even outside a block; but now() stays the same across statements only inside one.
/// </summary>
internal static class TransactionProbe
{
    public static async Task<TransactionStatus> ProbeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            var first = await NowAsync(connection, ct);
            var second = await NowAsync(connection, ct);
            return first == second ? TransactionStatus.InTransaction : TransactionStatus.Idle;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InFailedSqlTransaction)
        {
            return TransactionStatus.Failed;
        }
    }

    private static async Task<DateTime> NowAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_catalog.now()", connection);
        return (DateTime)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
