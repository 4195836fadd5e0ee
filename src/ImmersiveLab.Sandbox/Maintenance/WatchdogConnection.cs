using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Sandbox.Provisioning;
using Npgsql;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// The watchdog's own admin connection to one server, opened once and kept (not pooled): when a learner has filled the
/// server's lock table, no new connection can be opened, not even by a superuser, but this one still works. Its queries
/// are built for that moment: activity and locks come from the functions pg_stat_get_activity() and pg_lock_status(),
/// which take no lock (the views join the shared catalogs pg_authid and pg_database, which need one); role and database
/// names come from the last look that worked. That look also puts every role into this backend's cache, so
/// pg_terminate_backend can check a learner role without reading pg_authid when the table is full.
/// </summary>
internal sealed class WatchdogConnection(SandboxHost host) : IAsyncDisposable, IDisposable
{
    private NpgsqlDataSource? _dataSource;
    private NpgsqlConnection? _connection;
    private Dictionary<uint, string> _roles = new();
    private Dictionary<uint, string> _databases = new();

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
        await RefreshNamesAsync(connection, ct);
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

    private async Task RefreshNamesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            var roles = new Dictionary<uint, string>();
            var databases = new Dictionary<uint, string>();
            await using (var cmd = new NpgsqlCommand(
                "SELECT r.oid, pg_catalog.pg_get_userbyid(r.oid)::text FROM pg_catalog.pg_roles r", connection))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) roles[r.GetFieldValue<uint>(0)] = r.GetString(1);
            await using (var cmd = new NpgsqlCommand("SELECT d.oid, d.datname::text FROM pg_catalog.pg_database d", connection))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) databases[r.GetFieldValue<uint>(0)] = r.GetString(1);
            (_roles, _databases, NamesAreStale) = (roles, databases, false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.OutOfMemory)
        {
            NamesAreStale = true; // "out of shared memory": the lock table is full; act on what was known
        }
    }
}
