using System.Text.RegularExpressions;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// Creates, resets, drops and expires learner sandboxes: a database copied from the template, owned by a login
/// role that may do nothing else. Every change for one learner is serialized by an in-process lock and a
/// PostgreSQL advisory lock in the metadata database (for several app instances); the metadata row is written
/// in the same transaction, so a crash half-way leaves nothing the next attempt cannot clean up.
/// </summary>
public sealed partial class SandboxProvisioner(
    LabServer server,
    IOptions<SandboxOptions> options,
    SandboxEvents events,
    ILogger<SandboxProvisioner> logger)
{
    private const int AdvisoryLockClass = 0x4C42; // "LB"; the object id is derived from the learner id
    private readonly KeyedLock<Guid> _locks = new();
    private bool? _adminIsSuperuser;

    private SandboxOptions Options => options.Value;

    /// <summary>The learner's sandbox, created on first use (and recreated if it went missing).</summary>
    public async Task<SandboxInfo> EnsureAsync(LearnerRef learner, CancellationToken ct) =>
        ToInfo(await EnsureCredentialsAsync(learner.Id, ct), await ReadRowAsync(learner.Id, ct));

    /// <summary>Drops the sandbox and creates a fresh one from the template. The learner's progress stays.</summary>
    public async Task<SandboxInfo> ResetAsync(LearnerRef learner, CancellationToken ct)
    {
        await events.RaiseRemovingAsync(learner.Id);
        using (await _locks.AcquireAsync(learner.Id, ct))
        {
            await using var meta = await server.Metadata.OpenConnectionAsync(ct);
            await using var tx = await meta.BeginTransactionAsync(ct);
            await AdvisoryLockAsync(meta, learner.Id, ct);
            var names = SandboxNames.For(learner.Id);
            await DropObjectsAsync(names.Database, names.Role, ct);
            var created = await CreateObjectsAsync(meta, learner.Id, ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Reset the sandbox of learner {Learner} ({Database})", learner.Id, created.Database);
        }
        return (await InspectInfoAsync(learner.Id, ct))!;
    }

    /// <summary>Drops the sandbox (database, role, metadata row). Returns false when there was none.</summary>
    public Task<bool> DropAsync(Guid learnerId, CancellationToken ct) => DropIfAsync(learnerId, idleFor: null, ct);

    /// <summary>Drops sandboxes not used for <paramref name="idleFor"/>. Returns how many were dropped.</summary>
    public async Task<int> ExpireIdleAsync(TimeSpan idleFor, CancellationToken ct)
    {
        var candidates = new List<Guid>();
        await using (var cmd = server.Metadata.CreateCommand("SELECT learner_id FROM sandboxes WHERE last_used_at < now() - $1"))
        {
            cmd.Parameters.AddWithValue(idleFor);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) candidates.Add(r.GetGuid(0));
        }
        var dropped = 0;
        foreach (var id in candidates)
            if (await DropIfAsync(id, idleFor, ct)) dropped++;
        if (dropped > 0) logger.LogInformation("Expired {Count} sandboxes idle for more than {Idle}", dropped, idleFor);
        return dropped;
    }

    /// <summary>Every sandbox (of one class, or all), with its size and connections on the server.</summary>
    public async Task<IReadOnlyList<SandboxSummary>> ListAsync(Guid? classId, CancellationToken ct)
    {
        var rows = new List<(Guid Id, string Name, Guid? Class, string Db, string Role, DateTime Created, DateTime Used)>();
        await using (var cmd = server.Metadata.CreateCommand("""
            SELECT s.learner_id, l.name, l.class_id, s.database_name, s.role_name, s.created_at, s.last_used_at
            FROM sandboxes s JOIN learners l ON l.id = s.learner_id
            WHERE $1::uuid IS NULL OR l.class_id = $1
            ORDER BY l.name, s.learner_id
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)classId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add((r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.GetString(3), r.GetString(4),
                    r.GetDateTime(5), r.GetDateTime(6)));
        }
        var live = new Dictionary<string, (long Size, int Connections)>();
        await using (var cmd = server.Admin.CreateCommand("""
            SELECT d.datname, pg_catalog.pg_database_size(d.oid),
                   (SELECT count(*)::int FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid)
            FROM pg_catalog.pg_database d WHERE d.datname = ANY($1)
            """))
        {
            cmd.Parameters.AddWithValue(rows.Select(x => x.Db).ToArray());
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) live[r.GetString(0)] = (r.GetInt64(1), r.GetInt32(2));
        }
        return rows.Select(x => live.TryGetValue(x.Db, out var l)
                ? new SandboxSummary(x.Id, x.Name, x.Class, x.Db, x.Role, x.Created, x.Used, true, l.Size, l.Connections)
                : new SandboxSummary(x.Id, x.Name, x.Class, x.Db, x.Role, x.Created, x.Used, false, null, 0))
            .ToList();
    }

    public async Task<SandboxSummary?> InspectAsync(Guid learnerId, CancellationToken ct)
    {
        // Small enough to filter the list: a class has at most a few hundred sandboxes.
        var info = await InspectInfoAsync(learnerId, ct);
        if (info is null) return null;
        return (await ListAsync(null, ct)).FirstOrDefault(s => s.LearnerId == learnerId);
    }

    public async Task<SandboxInfo?> InspectInfoAsync(Guid learnerId, CancellationToken ct)
    {
        var row = await ReadRowAsync(learnerId, ct);
        return row is null ? null : new SandboxInfo(learnerId, row.Value.Db, row.Value.Role, row.Value.Created, row.Value.Used);
    }

    /// <summary>Drops sbx_ databases and lrn_ roles that no metadata row accounts for (e.g. learners deleted with
    /// their class). A learner that still exists is left to its next <see cref="EnsureAsync"/>.</summary>
    public async Task<int> DropOrphansAsync(CancellationToken ct)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = server.Metadata.CreateCommand("SELECT id FROM learners"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var n = SandboxNames.For(r.GetGuid(0));
                known.Add(n.Database);
                known.Add(n.Role);
            }
        var orphans = new List<(string Name, bool IsDatabase)>();
        await using (var cmd = server.Admin.CreateCommand("""
            SELECT datname, true FROM pg_catalog.pg_database WHERE datname LIKE 'sbx\_%'
            UNION ALL
            SELECT rolname, false FROM pg_catalog.pg_roles WHERE rolname LIKE 'lrn\_%'
            """))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                if (!known.Contains(r.GetString(0))) orphans.Add((r.GetString(0), r.GetBoolean(1)));
        foreach (var (name, isDb) in orphans.OrderByDescending(o => o.IsDatabase)) // databases before their roles
        {
            if (isDb) await AdminExecAsync($"DROP DATABASE IF EXISTS {LabServer.Quote(name)} WITH (FORCE)", ct);
            else await DropRoleAsync(name, ct);
        }
        if (orphans.Count > 0) logger.LogInformation("Dropped {Count} orphaned sandbox objects", orphans.Count);
        return orphans.Count;
    }

    /// <summary>Credentials for a session, creating or repairing the sandbox when needed.</summary>
    internal async Task<SandboxCredentials> EnsureCredentialsAsync(Guid learnerId, CancellationToken ct)
    {
        var row = await ReadRowAsync(learnerId, ct);
        if (row is { } r && await ObjectsExistAsync(r.Db, r.Role, ct))
            return new SandboxCredentials(learnerId, r.Db, r.Role, r.Password);

        using (await _locks.AcquireAsync(learnerId, ct))
        {
            await using var meta = await server.Metadata.OpenConnectionAsync(ct);
            await using var tx = await meta.BeginTransactionAsync(ct);
            await AdvisoryLockAsync(meta, learnerId, ct);
            row = await ReadRowAsync(learnerId, ct, meta);
            if (row is { } again && await ObjectsExistAsync(again.Db, again.Role, ct))
            {
                await tx.CommitAsync(ct);
                return new SandboxCredentials(learnerId, again.Db, again.Role, again.Password);
            }
            var names = SandboxNames.For(learnerId);
            if (row is not null) logger.LogWarning("The sandbox of learner {Learner} was missing on the server; recreating it", learnerId);
            await DropObjectsAsync(names.Database, names.Role, ct); // leftovers of an interrupted creation
            var created = await CreateObjectsAsync(meta, learnerId, ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Created sandbox {Database} for learner {Learner}", created.Database, learnerId);
            return created;
        }
    }

    /// <summary>The learner changed their own password (allowed to any role): set ours again.</summary>
    internal async Task RepairPasswordAsync(SandboxCredentials credentials, CancellationToken ct)
    {
        logger.LogWarning("Learner role {Role} could not log in; restoring its password", credentials.Role);
        await AdminExecAsync(
            $"ALTER ROLE {LabServer.Quote(credentials.Role)} WITH LOGIN VALID UNTIL 'infinity' PASSWORD '{ScramVerifier.Compute(credentials.Password)}'", ct);
    }

    internal async Task TouchAsync(Guid learnerId, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("UPDATE sandboxes SET last_used_at = now() WHERE learner_id = $1");
        cmd.Parameters.AddWithValue(learnerId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<bool> DropIfAsync(Guid learnerId, TimeSpan? idleFor, CancellationToken ct)
    {
        await events.RaiseRemovingAsync(learnerId);
        using (await _locks.AcquireAsync(learnerId, ct))
        {
            await using var meta = await server.Metadata.OpenConnectionAsync(ct);
            await using var tx = await meta.BeginTransactionAsync(ct);
            await AdvisoryLockAsync(meta, learnerId, ct);
            await using var delete = new NpgsqlCommand(
                "DELETE FROM sandboxes WHERE learner_id = $1 AND ($2::interval IS NULL OR last_used_at < now() - $2) RETURNING database_name, role_name", meta, tx);
            delete.Parameters.AddWithValue(learnerId);
            delete.Parameters.Add(new NpgsqlParameter { Value = (object?)idleFor ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
            string? db = null, role = null;
            await using (var r = await delete.ExecuteReaderAsync(ct))
                if (await r.ReadAsync(ct)) (db, role) = (r.GetString(0), r.GetString(1));
            if (db is null)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            await DropObjectsAsync(db, role!, ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Dropped sandbox {Database} of learner {Learner}", db, learnerId);
            return true;
        }
    }

    private async Task<SandboxCredentials> CreateObjectsAsync(NpgsqlConnection meta, Guid learnerId, CancellationToken ct)
    {
        var (db, role) = SandboxNames.For(learnerId);
        var password = ScramVerifier.NewPassword();
        var verifier = ScramVerifier.Compute(password);
        var qRole = LabServer.Quote(role);
        var qDb = LabServer.Quote(db);
        var o = Options;
        var attributes = $"LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT {o.ConnectionLimit} PASSWORD '{verifier}'";

        // Role and its defaults in one implicit transaction. The defaults are also sent as startup options by
        // every session (see SessionConnector), because a role may ALTER ROLE itself … SET.
        var roleExists = await AdminScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1)", role, ct);
        var roleSql = roleExists
            ? $"ALTER ROLE {qRole} WITH {attributes} VALID UNTIL 'infinity'; ALTER ROLE {qRole} RESET ALL;"
            : $"CREATE ROLE {qRole} WITH {attributes};";
        roleSql += string.Concat(RoleSettings(o).Select(s => $" ALTER ROLE {qRole} SET {s.Name} = '{s.Value}';"));
        roleSql += $" COMMENT ON ROLE {qRole} IS 'ImmersiveLab learner sandbox';";
        if (!await AdminIsSuperuserAsync(ct)) roleSql += $" GRANT {qRole} TO CURRENT_USER;"; // CREATE DATABASE … OWNER needs membership
        await AdminExecAsync(roleSql, ct);

        var strategy = o.CreateStrategy is { Length: > 0 } s2 ? $" STRATEGY {ValidateWord(s2)}" : "";
        await CreateDatabaseWithRetryAsync($"CREATE DATABASE {qDb} TEMPLATE {LabServer.Quote(server.Options.TemplateDatabase)} OWNER {qRole}{strategy}", ct);
        // PUBLIC gets CONNECT and TEMP on a new database; only the owner may connect here. The template's public
        // schema belongs to pg_database_owner, i.e. to this role inside this database: no admin session in the
        // learner's database is needed (and none ever runs there).
        await AdminExecAsync($"REVOKE ALL ON DATABASE {qDb} FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE {qDb} TO {qRole};", ct);

        await using var upsert = new NpgsqlCommand("""
            INSERT INTO sandboxes (learner_id, database_name, role_name, role_password) VALUES ($1, $2, $3, $4)
            ON CONFLICT (learner_id) DO UPDATE SET database_name = excluded.database_name, role_name = excluded.role_name,
                role_password = excluded.role_password, created_at = now(), last_used_at = now()
            """, meta);
        upsert.Parameters.AddWithValue(learnerId);
        upsert.Parameters.AddWithValue(db);
        upsert.Parameters.AddWithValue(role);
        upsert.Parameters.AddWithValue(password);
        await upsert.ExecuteNonQueryAsync(ct);
        return new SandboxCredentials(learnerId, db, role, password);
    }

    /// <summary>The per-role settings, validated (they are spliced into SQL and startup options).</summary>
    internal static IReadOnlyList<(string Name, string Value)> RoleSettings(SandboxOptions o) =>
    [
        ("statement_timeout", SandboxOptions.Milliseconds(o.StatementTimeout)),
        ("lock_timeout", SandboxOptions.Milliseconds(o.LockTimeout)),
        ("idle_in_transaction_session_timeout", SandboxOptions.Milliseconds(o.IdleInTransactionTimeout)),
        ("work_mem", ValidateMemory(o.WorkMem)),
        ("maintenance_work_mem", ValidateMemory(o.MaintenanceWorkMem)),
    ];

    private async Task CreateDatabaseWithRetryAsync(string sql, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AdminExecAsync(sql, ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                // "source database is being accessed by other users": the template is being rebuilt by an app
                // instance starting up. It takes a moment.
                logger.LogDebug("Template busy ({Message}); retrying", e.MessageText);
                await Task.Delay(100 * attempt, ct);
            }
        }
    }

    private async Task DropObjectsAsync(string db, string role, CancellationToken ct)
    {
        // FORCE ends the learner's connections (their running statements stop with an error).
        await AdminExecAsync($"DROP DATABASE IF EXISTS {LabServer.Quote(db)} WITH (FORCE)", ct);
        await DropRoleAsync(role, ct);
    }

    private async Task DropRoleAsync(string role, CancellationToken ct)
    {
        try
        {
            await AdminExecAsync($"DROP ROLE IF EXISTS {LabServer.Quote(role)}", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DependentObjectsStillExist)
        {
            // Another learner granted this role a privilege in their own database; that must not block a reset.
            // The role is kept (and reconfigured by the next creation) rather than touching their database.
            logger.LogInformation("Keeping role {Role}: {Detail}", role, e.Detail ?? e.MessageText);
            await AdminExecAsync($"ALTER ROLE {LabServer.Quote(role)} WITH NOLOGIN; ALTER ROLE {LabServer.Quote(role)} RESET ALL", ct);
        }
    }

    private async Task<bool> ObjectsExistAsync(string db, string role, CancellationToken ct)
    {
        await using var cmd = server.Admin.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1)
               AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $2 AND rolcanlogin)
            """);
        cmd.Parameters.AddWithValue(db);
        cmd.Parameters.AddWithValue(role);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<(string Db, string Role, string Password, DateTime Created, DateTime Used)?> ReadRowAsync(
        Guid learnerId, CancellationToken ct, NpgsqlConnection? conn = null)
    {
        const string sql = "SELECT database_name, role_name, role_password, created_at, last_used_at FROM sandboxes WHERE learner_id = $1";
        await using var cmd = conn is null ? server.Metadata.CreateCommand(sql) : new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(learnerId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (r.GetString(0), r.GetString(1), r.GetString(2), r.GetDateTime(3), r.GetDateTime(4));
    }

    private static SandboxInfo ToInfo(SandboxCredentials c, (string Db, string Role, string Password, DateTime Created, DateTime Used)? row) =>
        new(c.LearnerId, c.Database, c.Role, row?.Created ?? DateTime.UtcNow, row?.Used ?? DateTime.UtcNow);

    private static async Task AdvisoryLockAsync(NpgsqlConnection meta, Guid learnerId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, $2)", meta);
        cmd.Parameters.AddWithValue(AdvisoryLockClass);
        cmd.Parameters.AddWithValue(learnerId.GetHashCode());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<bool> AdminIsSuperuserAsync(CancellationToken ct) =>
        _adminIsSuperuser ??= await AdminScalarAsync<bool>("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user", null, ct);

    private async Task<T> AdminScalarAsync<T>(string sql, string? arg, CancellationToken ct)
    {
        await using var cmd = server.Admin.CreateCommand(sql);
        if (arg is not null) cmd.Parameters.AddWithValue(arg);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task AdminExecAsync(string sql, CancellationToken ct)
    {
        await using var cmd = server.Admin.CreateCommand(sql);
        // CREATE/DROP DATABASE wait for I/O and checkpoints: with a class joining at once that can pass Npgsql's
        // default 30 s. The caller's token bounds it instead.
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string ValidateMemory(string value) =>
        MemoryPattern().IsMatch(value) ? value.Replace(" ", "") : throw new InvalidOperationException($"Sandbox memory setting '{value}' is not like 64MB or 1GB.");

    private static string ValidateWord(string value) =>
        WordPattern().IsMatch(value) ? value : throw new InvalidOperationException($"'{value}' is not a valid CREATE DATABASE strategy.");

    [GeneratedRegex(@"^\d+ ?(kB|MB|GB|TB)?$")]
    private static partial Regex MemoryPattern();

    [GeneratedRegex("^[A-Za-z_]+$")]
    private static partial Regex WordPattern();
}
