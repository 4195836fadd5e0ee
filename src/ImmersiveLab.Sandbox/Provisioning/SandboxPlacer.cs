using ImmersiveLab.Database;
using ImmersiveLab.Database.Hosts;
using Npgsql;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// Chooses the server for a new sandbox (<see cref="PlacementPolicy"/>) from the committed rows of the metadata database
/// plus the placements this app instance is making right now, whose rows are not committed yet: a class joining at once
/// on one instance spreads evenly. Another instance's uncommitted placements cannot be seen, so instances creating
/// sandboxes at the same moment may each add one to the same server, passing its MaxSandboxes by as many.
/// </summary>
internal sealed class SandboxPlacer(LabServer server)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, int> _inFlight = new();

    /// <summary>Reserves a place; dispose the reservation once the sandbox's row is committed (or the attempt failed).</summary>
    public async Task<Reservation> PlaceAsync(NpgsqlConnection meta, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            var committed = await CountAsync(meta, ct);
            lock (_inFlight)
            {
                var candidates = server.Hosts
                    .Select(h => new PlacementCandidate(h.Key, h.IsAvailable, h.MaxSandboxes,
                        committed.GetValueOrDefault(h.Key) + _inFlight.GetValueOrDefault(h.Key)))
                    .ToList();
                var chosen = PlacementPolicy.Choose(candidates) ?? throw UnavailableServer.NoRoom(candidates);
                _inFlight[chosen.Key] = _inFlight.GetValueOrDefault(chosen.Key) + 1;
                return new Reservation(server.Host(chosen.Key), () => Release(chosen.Key));
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private void Release(string key)
    {
        lock (_inFlight)
            if (--_inFlight[key] == 0) _inFlight.Remove(key);
    }

    private static async Task<Dictionary<string, int>> CountAsync(NpgsqlConnection meta, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT server_key, count(*)::int FROM sandboxes GROUP BY server_key", meta);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) counts[r.GetString(0)] = r.GetInt32(1);
        return counts;
    }

    public sealed class Reservation(SandboxHost host, Action release) : IDisposable
    {
        private Action? _release = release;
        public SandboxHost Host { get; } = host;
        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
