using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Sandbox.Provisioning;
using Npgsql;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// The watchdog's own admin connection to one server, opened once and kept (not pooled): when a learner has filled the
/// server's lock table, no new connection can be opened, not even by a superuser, but this one still works, as long as
/// nothing it runs needs a lock. Npgsql closes a connection on any "insufficient resources" error (SQLSTATE class 53),
/// so it runs only what cannot fail that way: activity and locks from the functions pg_stat_get_activity() and
/// pg_lock_status() (the views join the shared catalogs pg_authid and pg_database, which need a lock), and
/// pg_terminate_backend / pg_cancel_backend for roles already in this backend's cache (the signal checks the target's
/// role; a role it has not looked up before would need pg_authid). Names come from a separate pooled admin connection,
/// whose failure is the sign that the table is full; while it works, every learner role is put into this backend's cache.
/// </summary>
internal sealed class WatchdogConnection(SandboxHost host) : IAsyncDisposable, IDisposable
{
    private NpgsqlDataSource? _dataSource;
    private NpgsqlConnection? _connection;
    private Dictionary<uint, string> _roles = new();
    private Dictionary<uint, string> _databases = new();
    private readonly HashSet<uint> _warmed = [];

    public bool IsOpen => _connection?.State == System.Data.ConnectionState.Open;

    /// <summary>The last names could not be read (typically: the lock table is full). The snapshot then names backends from before.</summary>
    public bool NamesAreStale { get; private set; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open) return open;
        await CloseAsync();
        var cs = new NpgsqlConnectionStringBuilder(host.AdminConnectionString)
        {
            Pooling = false,
            ApplicationName = "immersivelab-watchdog",
            CommandTimeout = 30,
            KeepAlive = 30,
        };
        var builder = new NpgsqlDataSourceBuilder(cs.ConnectionString);
        // Built-in types only: no type loading that could need a catalog look-up later.
        builder.ConfigureTypeLoading(t => t.EnableTypeLoading(false));
        var dataSource = builder.Build();
        try
        {
            _connection = await dataSource.OpenConnectionAsync(ct);
            _dataSource = dataSource;
            _warmed.Clear(); // a new backend, with an empty cache
            return _connection;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every learner backend and parallel worker of the server (except this connection), with its lock count.</summary>
    public async Task<List<BackendSnapshot>> SnapshotAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        if (await RefreshNamesAsync(ct)) await WarmAsync(connection, ct);
        var found = new List<BackendSnapshot>();
        await using var cmd = new NpgsqlCommand("""
            SELECT a.pid, a.usesysid, a.datid, a.state, a.backend_type = 'parallel worker', a.backend_start, a.query_start,
                   pg_catalog.now() - a.query_start, pg_catalog.now() - a.state_change, COALESCE(l.n, 0)
            FROM pg_catalog.pg_stat_get_activity(NULL) a
            LEFT JOIN (SELECT s.pid, pg_catalog.count(*) AS n FROM pg_catalog.pg_lock_status() s GROUP BY s.pid) l ON l.pid = a.pid
            WHERE a.backend_type IN ('client backend', 'parallel worker') AND a.pid <> pg_catalog.pg_backend_pid()
              AND a.usesysid IS NOT NULL
            """, connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var roleOid = r.GetFieldValue<uint>(1);
            var known = _roles.TryGetValue(roleOid, out var role);
            // Learner roles only; a role not seen yet can only be one when the names could not be read.
            if (known ? !SandboxNames.IsLearnerRole(role) : !NamesAreStale) continue;
            var dbOid = r.IsDBNull(2) ? 0u : r.GetFieldValue<uint>(2);
            found.Add(new BackendSnapshot(
                r.GetInt32(0), roleOid, known ? role : null, dbOid, r.IsDBNull(3) ? null : r.GetString(3), r.GetBoolean(4),
                r.IsDBNull(5) ? DateTime.MinValue : r.GetDateTime(5), r.IsDBNull(6) ? null : r.GetDateTime(6),
                r.IsDBNull(7) ? null : r.GetTimeSpan(7), r.IsDBNull(8) ? null : r.GetTimeSpan(8), r.GetInt64(9))
            {
                Database = _databases.GetValueOrDefault(dbOid),
            });
        }
        return found;
    }

    /// <summary>Whether PostgreSQL can signal a backend of this role through this connection now (see the class summary).</summary>
    public bool CanSignal(uint roleOid) => !NamesAreStale || _warmed.Contains(roleOid);

    /// <summary>Cancels or terminates a backend. False: it was gone, or PostgreSQL could not signal it.</summary>
    public async Task<bool> SignalAsync(WatchdogStep step, int pid, CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            step == WatchdogStep.Cancel ? "SELECT pg_catalog.pg_cancel_backend($1)" : "SELECT pg_catalog.pg_terminate_backend($1)", connection);
        cmd.Parameters.AddWithValue(pid);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    public async Task CloseAsync()
    {
        var (connection, dataSource) = (_connection, _dataSource);
        (_connection, _dataSource) = (null, null);
        try
        {
            if (connection is not null) await connection.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // already broken
        }
        if (dataSource is not null) await dataSource.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    public void Dispose()
    {
        var (connection, dataSource) = (_connection, _dataSource);
        (_connection, _dataSource) = (null, null);
        try
        {
            connection?.Dispose();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // already broken
        }
        dataSource?.Dispose();
    }

    /// <summary>Role and database names through the pooled admin connection. False when that fails (typically: the lock
    /// table is full, so neither a new connection nor pg_authid can be had); the names from before are kept.</summary>
    private async Task<bool> RefreshNamesAsync(CancellationToken ct)
    {
        try
        {
            var roles = new Dictionary<uint, string>();
            var databases = new Dictionary<uint, string>();
            await using (var cmd = host.Admin.CreateCommand("SELECT r.oid, r.rolname::text FROM pg_catalog.pg_roles r"))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) roles[r.GetFieldValue<uint>(0)] = r.GetString(1);
            await using (var cmd = host.Admin.CreateCommand("SELECT d.oid, d.datname::text FROM pg_catalog.pg_database d"))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) databases[r.GetFieldValue<uint>(0)] = r.GetString(1);
            (_roles, _databases, NamesAreStale) = (roles, databases, false);
            return true;
        }
        catch (NpgsqlException) when (!ct.IsCancellationRequested)
        {
            NamesAreStale = true;
            return false;
        }
    }

    /// <summary>Looks every learner role up once in the kept connection's backend, so that it can signal their backends
    /// without reading pg_authid later. Only run while the names could be read (the table is not full).</summary>
    private async Task WarmAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var cold = _roles.Where(r => SandboxNames.IsLearnerRole(r.Value) && !_warmed.Contains(r.Key)).Select(r => r.Key).ToArray();
        if (cold.Length == 0) return;
        await using var cmd = new NpgsqlCommand("SELECT pg_catalog.count(pg_catalog.pg_get_userbyid(o)) FROM pg_catalog.unnest($1::pg_catalog.oid[]) o", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = cold, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid });
        await cmd.ExecuteScalarAsync(ct);
        _warmed.UnionWith(cold);
    }
}
