using ImmersiveLab.Database;
using Npgsql;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// The backends the app itself opened in learner sandboxes (the index explorer's connections), recorded in the metadata
/// database so that the watchdog of every app instance knows them: by server, pid, role and the sandbox server's time
/// of registration. A learner cannot add a row (the metadata database is the app's) nor pass for one (a pid reused by a
/// later backend started after its row was written). The watchdog's longer limits go to these backends only.
/// </summary>
public sealed class AppBackendRegistry(LabServer server)
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromMinutes(1);
    private Dictionary<(string Server, int Pid), List<AppBackend>> _last = new();
    private readonly Dictionary<string, DateTime> _lastCleanup = new();

    /// <summary>Records a connection the app just opened (call on the new physical connection, before it is used).</summary>
    public async Task RegisterAsync(NpgsqlConnection connection, string serverKey, string role, string purpose, CancellationToken ct)
    {
        DateTime registeredAt;
        await using (var now = new NpgsqlCommand("SELECT pg_catalog.now()", connection))
            registeredAt = (DateTime)(await now.ExecuteScalarAsync(ct))!;
        await using var cmd = server.Metadata.CreateCommand(
            "INSERT INTO app_backends (server_key, pid, role_name, purpose, registered_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
        cmd.Parameters.AddWithValue(serverKey);
        cmd.Parameters.AddWithValue(connection.ProcessID);
        cmd.Parameters.AddWithValue(role);
        cmd.Parameters.AddWithValue(purpose);
        cmd.Parameters.AddWithValue(registeredAt);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The registered backends, read afresh; when the metadata database cannot be read (the lock table is full, say),
    /// the last list read, so that a long build is not mistaken for a learner's statement meanwhile.
    /// </summary>
    internal async Task<Dictionary<(string Server, int Pid), List<AppBackend>>> ReadAsync(CancellationToken ct)
    {
        try
        {
            var read = new Dictionary<(string, int), List<AppBackend>>();
            await using var cmd = server.Metadata.CreateCommand("SELECT server_key, pid, role_name, purpose, registered_at FROM app_backends");
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var key = (r.GetString(0), r.GetInt32(1));
                if (!read.TryGetValue(key, out var list)) read[key] = list = [];
                list.Add(new AppBackend(r.GetString(2), r.GetString(3), r.GetDateTime(4)));
            }
            return _last = read;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return _last;
        }
    }

    /// <summary>The purpose the app registered this backend under, if it did (and it is still that backend).</summary>
    internal static string? PurposeOf(Dictionary<(string Server, int Pid), List<AppBackend>> registered, string serverKey, int pid, string? role, DateTime backendStart) =>
        registered.TryGetValue((serverKey, pid), out var list)
            ? list.FirstOrDefault(a => a.Role == role && a.RegisteredAt >= backendStart)?.Purpose
            : null;

    /// <summary>Forgets rows of backends that are gone (every minute at most), given the live pids and starts of one server.</summary>
    internal async Task ForgetGoneAsync(string serverKey, IReadOnlyDictionary<int, DateTime> live, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        if (_lastCleanup.TryGetValue(serverKey, out var last) && now - last < CleanupEvery) return;
        _lastCleanup[serverKey] = now;
        var gone = _last.Where(kv => kv.Key.Server == serverKey)
            .SelectMany(kv => kv.Value.Where(a => !live.TryGetValue(kv.Key.Pid, out var start) || a.RegisteredAt < start)
                .Select(a => (kv.Key.Pid, a.RegisteredAt)))
            .ToList();
        if (gone.Count == 0) return;
        await using var cmd = server.Metadata.CreateCommand(
            "DELETE FROM app_backends a USING unnest($2::int[], $3::timestamptz[]) g(pid, at) WHERE a.server_key = $1 AND a.pid = g.pid AND a.registered_at = g.at");
        cmd.Parameters.AddWithValue(serverKey);
        cmd.Parameters.AddWithValue(gone.Select(g => g.Pid).ToArray());
        cmd.Parameters.AddWithValue(gone.Select(g => g.RegisteredAt).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal sealed record AppBackend(string Role, string Purpose, DateTime RegisteredAt);
}
