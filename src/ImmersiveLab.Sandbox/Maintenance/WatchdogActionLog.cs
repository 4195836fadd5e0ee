using System.Collections.Concurrent;
using ImmersiveLab.Database;
using Npgsql;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// What the watchdog did, kept for a day in the metadata database, so that the learner's session (served by any app
/// instance) can say which limit ended it. An action that cannot be written now (the lock table is full: that is when
/// the watchdog acts) is kept in memory and written at the next sweep.
/// </summary>
public sealed class WatchdogActionLog(LabServer server)
{
    private const int MaxPending = 1000;
    private readonly ConcurrentQueue<WatchdogAction> _pending = new();

    /// <summary>Writes the action (before the backend is signalled, so the learner's session finds it), or keeps it for later.</summary>
    internal async Task RecordAsync(WatchdogAction action, CancellationToken ct)
    {
        try
        {
            await WriteAsync(action, ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            if (_pending.Count < MaxPending) _pending.Enqueue(action);
        }
    }

    /// <summary>Writes the actions kept while the metadata database could not be written, and forgets day-old ones.</summary>
    internal async Task FlushAsync(CancellationToken ct)
    {
        while (_pending.TryPeek(out var action))
        {
            await WriteAsync(action, ct);
            _pending.TryDequeue(out _);
        }
    }

    internal async Task ForgetOldAsync(CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("DELETE FROM watchdog_actions WHERE at < now() - interval '1 day'");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Why the lab signalled this backend of the role since <paramref name="since"/> (a termination before a cancel, the
    /// latest first; only <paramref name="step"/> when given), or null.
    /// </summary>
    public async Task<string?> FindReasonAsync(string role, int pid, DateTime since, CancellationToken ct, WatchdogStep? step = null)
    {
        // Not written yet (the database was full when it acted): this instance's own memory knows.
        if (_pending.LastOrDefault(a => a.Role == role && a.Pid == pid && (step is null || a.Step == step)) is { } kept) return kept.Reason;
        await using var cmd = server.Metadata.CreateCommand("""
            SELECT reason FROM watchdog_actions
            WHERE role_name = $1 AND pid = $2 AND at >= $3 AND ($4::text IS NULL OR step = $4)
            ORDER BY (step = 'Terminate') DESC, at DESC LIMIT 1
            """);
        cmd.Parameters.AddWithValue(role);
        cmd.Parameters.AddWithValue(pid);
        cmd.Parameters.AddWithValue(DateTime.SpecifyKind(since, DateTimeKind.Utc));
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)step?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private async Task WriteAsync(WatchdogAction a, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand(
            "INSERT INTO watchdog_actions (server_key, role_name, pid, step, reason) VALUES ($1, $2, $3, $4, $5)");
        cmd.Parameters.AddWithValue(a.ServerKey);
        cmd.Parameters.AddWithValue(a.Role);
        cmd.Parameters.AddWithValue(a.Pid);
        cmd.Parameters.AddWithValue(a.Step.ToString());
        cmd.Parameters.AddWithValue(a.Reason);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
