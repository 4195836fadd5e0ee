using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ImmersiveLab.Database;
using ImmersiveLab.Database.Hosts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// A sandbox's objects on the server that holds it, through that server's admin connection: the learner's login role
/// (which may do nothing else) and their database copied from the template. Never touches the metadata database.
/// </summary>
internal sealed partial class SandboxObjects(string templateDatabase, Func<SandboxOptions> options, ILogger logger)
{
    private readonly ConcurrentDictionary<string, bool> _adminIsSuperuser = new();

    public async Task CreateAsync(SandboxHost host, string db, string role, string password, CancellationToken ct)
    {
        var verifier = ScramVerifier.Compute(password);
        var qRole = LabServer.Quote(role);
        var qDb = LabServer.Quote(db);
        var o = options();
        var attributes = $"LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT {o.ConnectionLimit} PASSWORD '{verifier}'";

        // Role and its defaults in one implicit transaction. The defaults are also sent as startup options by
        // every connection (see SandboxConnections), because a role may ALTER ROLE itself … SET.
        var roleExists = await ScalarAsync<bool>(host, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1)", role, ct);
        var roleSql = roleExists
            ? $"ALTER ROLE {qRole} WITH {attributes} VALID UNTIL 'infinity'; ALTER ROLE {qRole} RESET ALL;"
            : $"CREATE ROLE {qRole} WITH {attributes};";
        roleSql += string.Concat(RoleSettings(o).Select(s => $" ALTER ROLE {qRole} SET {s.Name} = '{s.Value}';"));
        roleSql += $" COMMENT ON ROLE {qRole} IS 'ImmersiveLab learner sandbox';";
        if (!await AdminIsSuperuserAsync(host, ct)) roleSql += $" GRANT {qRole} TO CURRENT_USER;"; // CREATE DATABASE … OWNER needs membership
        await ExecAsync(host, roleSql, ct);

        var strategy = o.CreateStrategy is { Length: > 0 } s2 ? $" STRATEGY {ValidateWord(s2)}" : "";
        await CreateDatabaseWithRetryAsync(host, $"CREATE DATABASE {qDb} TEMPLATE {LabServer.Quote(templateDatabase)} OWNER {qRole}{strategy}", ct);
        // PUBLIC gets CONNECT and TEMP on a new database; only the owner may connect here. The template's public
        // schema belongs to pg_database_owner, i.e. to this role inside this database: no admin session in the
        // learner's database is needed (and none ever runs there).
        await ExecAsync(host, $"REVOKE ALL ON DATABASE {qDb} FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE {qDb} TO {qRole};", ct);
    }

    public async Task<bool> ExistAsync(SandboxHost host, string db, string role, CancellationToken ct)
    {
        await using var cmd = host.Admin.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1)
               AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $2 AND rolcanlogin)
            """);
        cmd.Parameters.AddWithValue(db);
        cmd.Parameters.AddWithValue(role);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task DropAsync(SandboxHost host, string db, string role, CancellationToken ct)
    {
        // FORCE ends the learner's connections (their running statements stop with an error).
        await DropDatabaseAsync(host, db, ct);
        await DropRoleAsync(host, role, ct);
    }

    /// <summary>
    /// Drops a sandbox database whatever its owner did to it (F7): a template (DROP refuses "cannot drop a template
    /// database"), closed to connections, a connection limit, defaults of its own (ALTER DATABASE … SET), all undone
    /// first; FORCE ends its backends, and is tried again while one is still on its way out.
    /// </summary>
    public async Task DropDatabaseAsync(SandboxHost host, string db, CancellationToken ct)
    {
        var q = LabServer.Quote(db);
        try
        {
            await ExecAsync(host, $"ALTER DATABASE {q} WITH IS_TEMPLATE false ALLOW_CONNECTIONS true CONNECTION LIMIT -1; ALTER DATABASE {q} RESET ALL", ct);
            if (db.StartsWith(SandboxNames.DatabasePrefix, StringComparison.Ordinal))
                await RestoreOwnerAsync(host, q, SandboxNames.RolePrefix + db[SandboxNames.DatabasePrefix.Length..], ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return; // not there (any more)
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecAsync(host, $"DROP DATABASE IF EXISTS {q} WITH (FORCE)", ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 5)
            {
                // A terminated backend took longer than DROP's own wait to exit.
                logger.LogInformation("Database {Database} on {Server} still in use ({Message}); trying again", db, host.Key, e.MessageText);
                await Task.Delay(500 * attempt, ct);
            }
        }
    }

    private async Task RestoreOwnerAsync(SandboxHost host, string quotedDb, string role, CancellationToken ct)
    {
        try
        {
            await ExecAsync(host, $"ALTER DATABASE {quotedDb} OWNER TO {LabServer.Quote(role)}", ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedObject or PostgresErrorCodes.InsufficientPrivilege)
        {
            // The role is gone (an orphan), or a non-superuser admin may not: DROP works for the owner's members anyway.
        }
    }

    public async Task DropRoleAsync(SandboxHost host, string role, CancellationToken ct)
    {
        try
        {
            await ExecAsync(host, $"DROP ROLE IF EXISTS {LabServer.Quote(role)}", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DependentObjectsStillExist)
        {
            // Another learner granted this role a privilege in their own database; that must not block a reset.
            // The role is kept (and reconfigured by the next creation) rather than touching their database.
            logger.LogInformation("Keeping role {Role} on {Server}: {Detail}", role, host.Key, e.Detail ?? e.MessageText);
            await ExecAsync(host, $"ALTER ROLE {LabServer.Quote(role)} WITH NOLOGIN; ALTER ROLE {LabServer.Quote(role)} RESET ALL", ct);
        }
    }

    public Task SetPasswordAsync(SandboxHost host, string role, string password, CancellationToken ct) =>
        ExecAsync(host, $"ALTER ROLE {LabServer.Quote(role)} WITH LOGIN VALID UNTIL 'infinity' PASSWORD '{ScramVerifier.Compute(password)}'", ct);

    /// <summary>Every sandbox database and learner role on the server.</summary>
    public async Task<List<(string Name, bool IsDatabase)>> ListAllAsync(SandboxHost host, CancellationToken ct)
    {
        var found = new List<(string, bool)>();
        await using var cmd = host.Admin.CreateCommand("""
            SELECT datname, true FROM pg_catalog.pg_database WHERE datname LIKE 'sbx\_%'
            UNION ALL
            SELECT rolname, false FROM pg_catalog.pg_roles WHERE rolname LIKE 'lrn\_%'
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found.Add((r.GetString(0), r.GetBoolean(1)));
        return found;
    }

    /// <summary>Size and connection count of those of <paramref name="databases"/> that exist on the server.</summary>
    public async Task<Dictionary<string, (long Size, int Connections)>> LiveStateAsync(SandboxHost host, string[] databases, CancellationToken ct)
    {
        var live = new Dictionary<string, (long, int)>(StringComparer.Ordinal);
        await using var cmd = host.Admin.CreateCommand("""
            SELECT d.datname, pg_catalog.pg_database_size(d.oid),
                   (SELECT count(*)::int FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid)
            FROM pg_catalog.pg_database d WHERE d.datname = ANY($1)
            """);
        cmd.Parameters.AddWithValue(databases);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) live[r.GetString(0)] = (r.GetInt64(1), r.GetInt32(2));
        return live;
    }

    /// <summary>The per-role settings, validated (they are spliced into SQL and startup options). For the app's own
    /// connections (<paramref name="forApp"/>: the index explorer's builds) maintenance_work_mem is the app's.</summary>
    public static IReadOnlyList<(string Name, string Value)> RoleSettings(SandboxOptions o, bool forApp = false) =>
    [
        ("statement_timeout", SandboxOptions.Milliseconds(o.StatementTimeout)),
        ("lock_timeout", SandboxOptions.Milliseconds(o.LockTimeout)),
        ("idle_in_transaction_session_timeout", SandboxOptions.Milliseconds(o.IdleInTransactionTimeout)),
        ("idle_session_timeout", SandboxOptions.Milliseconds(o.IdleSessionTimeout)),
        ("work_mem", ValidateMemory(o.WorkMem)),
        ("maintenance_work_mem", ValidateMemory(forApp ? o.AppMaintenanceWorkMem : o.MaintenanceWorkMem)),
        ("temp_buffers", ValidateMemory(o.TempBuffers)),
        ("hash_mem_multiplier", o.HashMemMultiplier is >= 1 and <= 1000
            ? o.HashMemMultiplier.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Sandbox:HashMemMultiplier {o.HashMemMultiplier} is not between 1 and 1000.")),
    ];

    private async Task CreateDatabaseWithRetryAsync(SandboxHost host, string sql, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecAsync(host, sql, ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                // "source database is being accessed by other users": the template is being rebuilt by an app
                // instance starting up. It takes a moment.
                logger.LogDebug("Template busy on {Server} ({Message}); retrying", host.Key, e.MessageText);
                await Task.Delay(100 * attempt, ct);
            }
        }
    }

    private async Task<bool> AdminIsSuperuserAsync(SandboxHost host, CancellationToken ct)
    {
        if (_adminIsSuperuser.TryGetValue(host.Key, out var known)) return known;
        var value = await ScalarAsync<bool>(host, "SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user", null, ct);
        return _adminIsSuperuser[host.Key] = value;
    }

    private static async Task<T> ScalarAsync<T>(SandboxHost host, string sql, string? arg, CancellationToken ct)
    {
        await using var cmd = host.Admin.CreateCommand(sql);
        if (arg is not null) cmd.Parameters.AddWithValue(arg);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecAsync(SandboxHost host, string sql, CancellationToken ct)
    {
        await using var cmd = host.Admin.CreateCommand(sql);
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
