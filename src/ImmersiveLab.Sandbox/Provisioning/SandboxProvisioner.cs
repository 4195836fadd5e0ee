using ImmersiveLab.Database;
using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Database.Template;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// Creates, resets, drops and expires learner sandboxes: a database copied from the template, owned by a login
/// role that may do nothing else, on one of the lab's servers. A new sandbox goes to the least-loaded available
/// server (<see cref="PlacementPolicy"/>); its metadata row records the server and the sandbox stays there (reset and
/// repair recreate it on the same server). Every change for one learner is serialized by an in-process lock and a
/// PostgreSQL advisory lock in the metadata database (for several app instances); the metadata row is written
/// in the same transaction, so a crash half-way leaves nothing the next attempt cannot clean up.
/// </summary>
public sealed class SandboxProvisioner(
    LabServer server,
    IOptions<SandboxOptions> options,
    SandboxEvents events,
    ILogger<SandboxProvisioner> logger,
    SandboxMetrics? metrics = null)
{
    private const int AdvisoryLockClass = 0x4C42; // "LB"; the object id is derived from the learner id
    private readonly KeyedLock<Guid> _locks = new();
    private readonly SandboxPlacer _placer = new(server);
    private readonly SandboxObjects _objects = new(server.Options.TemplateDatabase, () => options.Value, logger);

    /// <summary>The learner's sandbox, created on first use (and recreated on its server if it went missing there).</summary>
    public async Task<SandboxInfo> EnsureAsync(LearnerRef learner, CancellationToken ct)
    {
        var credentials = await EnsureCredentialsAsync(learner.Id, ct);
        var row = await ReadRowAsync(learner.Id, ct);
        return row?.Info ?? new SandboxInfo(learner.Id, credentials.Database, credentials.Role, DateTime.UtcNow, DateTime.UtcNow, credentials.ServerKey);
    }

    /// <summary>Drops the sandbox and creates a fresh one from the template, on the same server. The learner's progress stays.</summary>
    public async Task<SandboxInfo> ResetAsync(LearnerRef learner, CancellationToken ct)
    {
        await events.RaiseRemovingAsync(learner.Id);
        using (await _locks.AcquireAsync(learner.Id, ct))
        {
            await using var meta = await server.Metadata.OpenConnectionAsync(ct);
            await using var tx = await meta.BeginTransactionAsync(ct);
            await AdvisoryLockAsync(meta, learner.Id, ct);
            var row = await ReadRowAsync(learner.Id, ct, meta);
            SandboxCredentials created;
            if (row is null)
            {
                using var placed = await PlaceAndCreateAsync(meta, learner.Id, ct);
                created = placed.Credentials;
                await tx.CommitAsync(ct);
            }
            else
            {
                var host = RequireHost(row.ServerKey);
                created = await OnHostAsync(host, () => RecreateAsync(meta, host, learner.Id, ct), ct);
                await tx.CommitAsync(ct);
            }
            logger.LogInformation("Reset the sandbox of learner {Learner} ({Sandbox})", learner.Id, created);
        }
        return (await InspectInfoAsync(learner.Id, ct))!;
    }

    /// <summary>
    /// Resets the sandboxes of <paramref name="learners"/>, a few at a time, and says for each what happened: one that
    /// fails (its server is down, say) does not stop the others.
    /// </summary>
    public async Task<IReadOnlyList<SandboxResetOutcome>> ResetManyAsync(
        IReadOnlyList<LearnerRef> learners, int parallelism, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var outcomes = new SandboxResetOutcome[learners.Count];
        var done = 0;
        progress?.Report((0, learners.Count));
        await Parallel.ForEachAsync(Enumerable.Range(0, learners.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct },
            async (i, token) =>
            {
                var learner = learners[i];
                try
                {
                    await ResetAsync(learner, token);
                    outcomes[i] = new SandboxResetOutcome(learner.Id, learner.Name, true, null);
                }
                catch (Exception e) when (e is NpgsqlException or LabUnavailableException or InvalidOperationException && !token.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not reset the sandbox of learner {Learner}", learner.Id);
                    outcomes[i] = new SandboxResetOutcome(learner.Id, learner.Name, false,
                        e is PostgresException p ? p.MessageText : e.Message);
                }
                progress?.Report((Interlocked.Increment(ref done), learners.Count));
            });
        return outcomes;
    }

    /// <summary>Drops the sandbox (database, role, metadata row). Returns false when there was none.</summary>
    public Task<bool> DropAsync(Guid learnerId, CancellationToken ct) => DropIfAsync(learnerId, idleFor: null, ct);

    /// <summary>Drops sandboxes not used for <paramref name="idleFor"/> on the servers available now. Returns how many were dropped.</summary>
    public async Task<int> ExpireIdleAsync(TimeSpan idleFor, CancellationToken ct)
    {
        var candidates = new List<(Guid Id, string Server)>();
        await using (var cmd = server.Metadata.CreateCommand("SELECT learner_id, server_key FROM sandboxes WHERE last_used_at < now() - $1"))
        {
            cmd.Parameters.AddWithValue(idleFor);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) candidates.Add((r.GetGuid(0), r.GetString(1)));
        }
        var dropped = 0;
        foreach (var (id, key) in candidates)
        {
            if (server.FindHost(key) is { IsAvailable: false }) continue; // expired when its server is back
            try
            {
                if (await DropIfAsync(id, idleFor, ct)) dropped++;
            }
            catch (LabUnavailableException)
            {
                // its server went away meanwhile; expired when it is back
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                // One sandbox that cannot be dropped must not keep the others (F7): tried again at the next sweep.
                logger.LogWarning(e, "Could not expire the sandbox of learner {Learner}; going on with the others", id);
            }
        }
        if (dropped > 0) logger.LogInformation("Expired {Count} sandboxes idle for more than {Idle}", dropped, idleFor);
        return dropped;
    }

    /// <summary>Every sandbox (of one class, or all), with its server and its size and connections there.</summary>
    public async Task<IReadOnlyList<SandboxSummary>> ListAsync(Guid? classId, CancellationToken ct)
    {
        var rows = new List<(SandboxRow Row, string Name, Guid? Class)>();
        await using (var cmd = server.Metadata.CreateCommand("""
            SELECT s.learner_id, s.server_key, s.database_name, s.role_name, s.role_password, s.created_at, s.last_used_at, l.name, l.class_id
            FROM sandboxes s JOIN learners l ON l.id = s.learner_id
            WHERE $1::uuid IS NULL OR l.class_id = $1
            ORDER BY l.name, s.learner_id
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)classId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add((SandboxRow.Read(r), r.GetString(7), r.IsDBNull(8) ? null : r.GetGuid(8)));
        }
        var live = new Dictionary<(string Server, string Db), (long Size, int Connections)>();
        foreach (var group in rows.GroupBy(x => x.Row.ServerKey))
        {
            if (server.FindHost(group.Key) is not { IsAvailable: true } host) continue;
            try
            {
                foreach (var (db, state) in await _objects.LiveStateAsync(host, group.Select(x => x.Row.Database).ToArray(), ct))
                    live[(host.Key, db)] = state;
            }
            catch (NpgsqlException e) when (UnavailableServer.IsConnectionFailure(e, ct) && !host.IsPrimary)
            {
                await server.ProbeAsync(host, ct); // listed as unavailable below if it is down
            }
        }
        return rows.Select(x =>
            {
                var (row, name, cls) = x;
                var available = server.FindHost(row.ServerKey)?.IsAvailable ?? false;
                return live.TryGetValue((row.ServerKey, row.Database), out var l)
                    ? new SandboxSummary(row.LearnerId, name, cls, row.Database, row.Role, row.CreatedAt, row.LastUsedAt, true, l.Size, l.Connections, row.ServerKey, available)
                    : new SandboxSummary(row.LearnerId, name, cls, row.Database, row.Role, row.CreatedAt, row.LastUsedAt, false, null, 0, row.ServerKey, available);
            })
            .ToList();
    }

    public async Task<SandboxSummary?> InspectAsync(Guid learnerId, CancellationToken ct)
    {
        // Small enough to filter the list: a class has at most a few hundred sandboxes.
        var info = await InspectInfoAsync(learnerId, ct);
        if (info is null) return null;
        return (await ListAsync(null, ct)).FirstOrDefault(s => s.LearnerId == learnerId);
    }

    public async Task<SandboxInfo?> InspectInfoAsync(Guid learnerId, CancellationToken ct) => (await ReadRowAsync(learnerId, ct))?.Info;

    /// <summary>Drops, on every available server, sbx_ databases and lrn_ roles that no metadata row accounts for there
    /// (learners deleted with their class, or a sandbox since placed on another server). A learner without a row is
    /// left to its next <see cref="EnsureAsync"/>, which may be creating it right now.</summary>
    public async Task<int> DropOrphansAsync(CancellationToken ct)
    {
        var learners = new List<(Guid Id, string? Server)>();
        await using (var cmd = server.Metadata.CreateCommand("SELECT l.id, s.server_key FROM learners l LEFT JOIN sandboxes s ON s.learner_id = l.id"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) learners.Add((r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1)));

        var dropped = 0;
        foreach (var host in server.Hosts.Where(h => h.IsAvailable))
        {
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (id, key) in learners.Where(l => l.Server is null || l.Server == host.Key))
            {
                var n = SandboxNames.For(id);
                known.Add(n.Database);
                known.Add(n.Role);
            }
            try
            {
                var orphans = (await _objects.ListAllAsync(host, ct)).Where(o => !known.Contains(o.Name)).ToList();
                var done = 0;
                foreach (var (name, isDb) in orphans.OrderByDescending(o => o.IsDatabase)) // databases before their roles
                {
                    try
                    {
                        if (isDb) await _objects.DropDatabaseAsync(host, name, ct);
                        else await _objects.DropRoleAsync(host, name, ct);
                        done++;
                    }
                    catch (PostgresException e) when (!ct.IsCancellationRequested)
                    {
                        logger.LogWarning("Could not drop the orphaned {Kind} {Name} on {Server}: {Message}; going on with the others",
                            isDb ? "database" : "role", name, host.Key, e.MessageText);
                    }
                }
                if (done > 0) logger.LogInformation("Dropped {Count} orphaned sandbox objects on {Server}", done, host.Key);
                dropped += done;
            }
            catch (NpgsqlException e) when (UnavailableServer.IsConnectionFailure(e, ct) && !host.IsPrimary)
            {
                await server.ProbeAsync(host, ct);
            }
        }
        return dropped;
    }

    /// <summary>
    /// Brings sandboxes made from an older template up to the current lock-down (<see cref="TemplateLockdown"/>: no
    /// advisory locks, no look at other learners), on the servers available now. One that fails is logged and tried again
    /// at the next sweep. Returns how many were brought up to date.
    /// </summary>
    public async Task<int> UpgradeLockdownAsync(CancellationToken ct)
    {
        var stale = new List<(Guid Id, string Server, string Db)>();
        await using (var cmd = server.Metadata.CreateCommand("SELECT learner_id, server_key, database_name FROM sandboxes WHERE lockdown <> $1"))
        {
            cmd.Parameters.AddWithValue(TemplateLockdown.Version);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) stale.Add((r.GetGuid(0), r.GetString(1), r.GetString(2)));
        }
        var upgraded = 0;
        foreach (var (id, key, db) in stale)
        {
            if (server.FindHost(key) is not { IsAvailable: true } host) continue;
            try
            {
                await TemplateLockdown.ApplyAsync(host, db, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // the database is missing: recreated (from the current template) on the learner's next use
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not lock down the sandbox {Database} of learner {Learner} on {Server}; trying again later", db, id, key);
                continue;
            }
            await using var update = server.Metadata.CreateCommand("UPDATE sandboxes SET lockdown = $2 WHERE learner_id = $1 AND database_name = $3");
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(TemplateLockdown.Version);
            update.Parameters.AddWithValue(db);
            await update.ExecuteNonQueryAsync(ct);
            upgraded++;
        }
        if (upgraded > 0) logger.LogInformation("Locked down {Count} sandboxes made from an older template", upgraded);
        return upgraded;
    }

    /// <summary>Credentials for a session, creating or repairing the sandbox when needed.</summary>
    internal async Task<SandboxCredentials> EnsureCredentialsAsync(Guid learnerId, CancellationToken ct)
    {
        var row = await ReadRowAsync(learnerId, ct);
        if (row is not null)
        {
            var host = RequireHost(row.ServerKey);
            if (await OnHostAsync(host, () => _objects.ExistAsync(host, row.Database, row.Role, ct), ct)) return row.Credentials;
        }

        using (await _locks.AcquireAsync(learnerId, ct))
        {
            await using var meta = await server.Metadata.OpenConnectionAsync(ct);
            await using var tx = await meta.BeginTransactionAsync(ct);
            await AdvisoryLockAsync(meta, learnerId, ct);
            row = await ReadRowAsync(learnerId, ct, meta);
            if (row is null)
            {
                using var placed = await PlaceAndCreateAsync(meta, learnerId, ct);
                await tx.CommitAsync(ct);
                logger.LogInformation("Created sandbox {Sandbox} for learner {Learner}", placed.Credentials, learnerId);
                return placed.Credentials;
            }
            var host = RequireHost(row.ServerKey);
            var credentials = await OnHostAsync(host, async () =>
            {
                if (await _objects.ExistAsync(host, row.Database, row.Role, ct)) return row.Credentials;
                logger.LogWarning("The sandbox of learner {Learner} was missing on server {Server}; recreating it there", learnerId, host.Key);
                return await RecreateAsync(meta, host, learnerId, ct);
            }, ct);
            await tx.CommitAsync(ct);
            return credentials;
        }
    }

    /// <summary>The learner changed their own password (allowed to any role): set ours again, on their server.</summary>
    internal async Task RepairPasswordAsync(SandboxCredentials credentials, CancellationToken ct)
    {
        logger.LogWarning("Learner role {Role} could not log in on {Server}; restoring its password", credentials.Role, credentials.ServerKey);
        var host = RequireHost(credentials.ServerKey);
        await OnHostAsync(host, async () =>
        {
            await _objects.SetPasswordAsync(host, credentials.Role, credentials.Password, ct);
            return true;
        }, ct);
    }

    internal async Task TouchAsync(Guid learnerId, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("UPDATE sandboxes SET last_used_at = now() WHERE learner_id = $1");
        cmd.Parameters.AddWithValue(learnerId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The per-role settings, validated (they are spliced into SQL and startup options).</summary>
    internal static IReadOnlyList<(string Name, string Value)> RoleSettings(SandboxOptions o, bool forApp = false) => SandboxObjects.RoleSettings(o, forApp);

    private async Task<bool> DropIfAsync(Guid learnerId, TimeSpan? idleFor, CancellationToken ct)
    {
        await events.RaiseRemovingAsync(learnerId);
        using (await _locks.AcquireAsync(learnerId, ct))
        {
            await using var meta = await server.Metadata.OpenConnectionAsync(ct);
            await using var tx = await meta.BeginTransactionAsync(ct);
            await AdvisoryLockAsync(meta, learnerId, ct);
            await using var delete = new NpgsqlCommand(
                "DELETE FROM sandboxes WHERE learner_id = $1 AND ($2::interval IS NULL OR last_used_at < now() - $2) RETURNING server_key, database_name, role_name", meta, tx);
            delete.Parameters.AddWithValue(learnerId);
            delete.Parameters.Add(new NpgsqlParameter { Value = (object?)idleFor ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
            string? key = null, db = null, role = null;
            await using (var r = await delete.ExecuteReaderAsync(ct))
                if (await r.ReadAsync(ct)) (key, db, role) = (r.GetString(0), r.GetString(1), r.GetString(2));
            if (key is null)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            if (server.FindHost(key) is not { } host)
            {
                // The server was removed from the configuration: only the record can go (its objects are out of reach).
                await tx.CommitAsync(ct);
                logger.LogWarning("Removed the record of sandbox {Database} of learner {Learner}: its server {Server} is not configured", db, learnerId, key);
                return true;
            }
            if (!host.IsAvailable) throw UnavailableServer.For(host);
            await OnHostAsync(host, async () =>
            {
                await _objects.DropAsync(host, db!, role!, ct);
                return true;
            }, ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Dropped sandbox {Database} of learner {Learner} on {Server}", db, learnerId, key);
            return true;
        }
    }

    /// <summary>A new sandbox on the server placement picks; if that server fails to answer, once more elsewhere.
    /// Dispose the result after the metadata transaction committed (it holds the placement's reservation).</summary>
    private async Task<Placed> PlaceAndCreateAsync(NpgsqlConnection meta, Guid learnerId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reservation = await _placer.PlaceAsync(meta, ct);
            try
            {
                return new Placed(await OnHostAsync(reservation.Host, () => RecreateAsync(meta, reservation.Host, learnerId, ct), ct), reservation);
            }
            catch (LabUnavailableException e) when (attempt < 2)
            {
                reservation.Dispose();
                logger.LogWarning(e, "Server {Server} failed while creating the sandbox of learner {Learner}; placing it again", reservation.Host.Key, learnerId);
            }
            catch
            {
                reservation.Dispose();
                throw;
            }
        }
    }

    /// <summary>Drops whatever of the learner's objects is on <paramref name="host"/> (a reset, or leftovers of an interrupted
    /// creation), creates them afresh and writes the row, in the caller's metadata transaction.</summary>
    private async Task<SandboxCredentials> RecreateAsync(NpgsqlConnection meta, SandboxHost host, Guid learnerId, CancellationToken ct)
    {
        var (db, role) = SandboxNames.For(learnerId);
        var password = ScramVerifier.NewPassword();
        await _objects.DropAsync(host, db, role, ct);
        using (var span = SandboxTelemetry.Source.StartActivity(SandboxTelemetry.SandboxCreateSpan))
        {
            span?.SetTag(SandboxTelemetry.ServerTag, host.Key);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var created = false;
            try
            {
                await _objects.CreateAsync(host, db, role, password, ct);
                created = true;
            }
            finally
            {
                metrics?.SandboxCreated(host.Key, clock.Elapsed, created);
                if (!created) span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            }
        }
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO sandboxes (learner_id, server_key, database_name, role_name, role_password, lockdown) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (learner_id) DO UPDATE SET server_key = excluded.server_key, database_name = excluded.database_name,
                role_name = excluded.role_name, role_password = excluded.role_password, lockdown = excluded.lockdown,
                created_at = now(), last_used_at = now(), size_bytes = NULL, size_checked_at = NULL
            """, meta);
        upsert.Parameters.AddWithValue(learnerId);
        upsert.Parameters.AddWithValue(host.Key);
        upsert.Parameters.AddWithValue(db);
        upsert.Parameters.AddWithValue(role);
        upsert.Parameters.AddWithValue(password);
        upsert.Parameters.AddWithValue(TemplateLockdown.Version); // copied from the template this instance built
        await upsert.ExecuteNonQueryAsync(ct);
        return new SandboxCredentials(learnerId, host.Key, db, role, password);
    }

    /// <summary>The server of an existing sandbox, when it may be used; otherwise the learner is told which server it is.</summary>
    private SandboxHost RequireHost(string key)
    {
        var host = server.FindHost(key) ?? throw UnavailableServer.NotConfigured(key);
        return host.IsAvailable ? host : throw UnavailableServer.For(host);
    }

    /// <summary>Runs admin work on a sandbox server; if the server stopped answering, it is marked unavailable and the
    /// learner is told which server it is (a failure PostgreSQL reported is passed on as it is).</summary>
    private async Task<T> OnHostAsync<T>(SandboxHost host, Func<Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await work();
        }
        catch (NpgsqlException e) when (UnavailableServer.IsConnectionFailure(e, ct) && !host.IsPrimary)
        {
            if (await server.ProbeAsync(host, ct)) throw;
            throw UnavailableServer.For(host, e);
        }
    }

    private async Task<SandboxRow?> ReadRowAsync(Guid learnerId, CancellationToken ct, NpgsqlConnection? conn = null)
    {
        const string sql = $"SELECT {SandboxRow.Columns} FROM sandboxes WHERE learner_id = $1";
        await using var cmd = conn is null ? server.Metadata.CreateCommand(sql) : new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(learnerId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? SandboxRow.Read(r) : null;
    }

    private static async Task AdvisoryLockAsync(NpgsqlConnection meta, Guid learnerId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, $2)", meta);
        cmd.Parameters.AddWithValue(AdvisoryLockClass);
        cmd.Parameters.AddWithValue(learnerId.GetHashCode());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed class Placed(SandboxCredentials credentials, IDisposable reservation) : IDisposable
    {
        public SandboxCredentials Credentials { get; } = credentials;
        public void Dispose() => reservation.Dispose();
    }
}
