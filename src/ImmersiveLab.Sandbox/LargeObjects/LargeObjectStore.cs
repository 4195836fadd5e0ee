using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Messages;
using ImmersiveLab.Sandbox.Quota;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ImmersiveLab.Sandbox.LargeObjects;

/// <summary>Bytes read back from a large object, at most the requested number.</summary>
public sealed record LargeObjectContent(uint Oid, byte[] Bytes, bool Truncated);

/// <summary>
/// Puts bytes (an uploaded image) into a learner's sandbox and reads them back for rendering, always through the
/// learner's own session and role (client-side, like psql's \lo_import): the server's file-system functions are
/// not involved, and the learner can only reach their own objects.
/// </summary>
public sealed class LargeObjectStore(SqlRunner runner, SandboxQuota quota, IOptions<SandboxOptions> options)
{
    /// <summary>Creates a large object with these bytes; returns its OID. It belongs to the learner's role, and is
    /// part of their open transaction if they have one (rolled back with it).</summary>
    public async Task<uint> ImportAsync(LearnerRef learner, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        CheckSize(bytes.Length);
        await CheckQuotaAsync(learner, ct);
        return await RunAsync(learner, ct, async (conn, token) =>
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_catalog.lo_from_bytea(0, $1)", conn);
            cmd.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            return (uint)(await cmd.ExecuteScalarAsync(token))!;
        });
    }

    /// <summary>Inserts one row, e.g. (name, bytea data), into a learner's table. Identifiers are quoted as given.</summary>
    public async Task<long> InsertRowAsync(LearnerRef learner, string table, IReadOnlyDictionary<string, object?> values, CancellationToken ct, string? schema = null)
    {
        if (values.Count == 0) throw new ArgumentException("No values to insert.", nameof(values));
        foreach (var v in values.Values)
            if (v is byte[] b) CheckSize(b.Length);
        var target = (schema is null ? "" : LabServer.Quote(schema) + ".") + LabServer.Quote(table);
        var columns = string.Join(", ", values.Keys.Select(LabServer.Quote));
        var placeholders = string.Join(", ", values.Keys.Select((_, i) => "$" + (i + 1)));
        await CheckQuotaAsync(learner, ct);
        return await RunAsync(learner, ct, async (conn, token) =>
        {
            await using var cmd = new NpgsqlCommand($"INSERT INTO {target} ({columns}) VALUES ({placeholders})", conn);
            foreach (var v in values.Values) cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
            return (long)await cmd.ExecuteNonQueryAsync(token);
        });
    }

    /// <summary>Reads up to <paramref name="maxBytes"/> of a large object of the learner's sandbox.</summary>
    public async Task<LargeObjectContent> ReadAsync(LearnerRef learner, uint oid, int maxBytes, CancellationToken ct)
    {
        maxBytes = Math.Clamp(maxBytes, 0, options.Value.MaxValueBytes);
        return await RunAsync(learner, ct, async (conn, token) =>
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_catalog.lo_get($1, 0, $2)", conn);
            cmd.Parameters.AddWithValue(NpgsqlDbType.Oid, oid);
            cmd.Parameters.AddWithValue(maxBytes + 1);
            var bytes = (byte[])(await cmd.ExecuteScalarAsync(token))!;
            return bytes.Length > maxBytes
                ? new LargeObjectContent(oid, bytes[..maxBytes], true)
                : new LargeObjectContent(oid, bytes, false);
        });
    }

    /// <summary>
    /// Reads up to <paramref name="maxBytes"/> of a large object the learner may read (their role owns it, or it was
    /// granted SELECT), or null when there is none: a missing or foreign oid is no error, so a read on behalf of the
    /// result view never aborts the learner's open transaction. Nothing is read while that transaction has failed.
    /// </summary>
    public async Task<LargeObjectContent?> TryReadAsync(LearnerRef learner, uint oid, int maxBytes, CancellationToken ct)
    {
        maxBytes = Math.Clamp(maxBytes, 0, options.Value.MaxValueBytes);
        try
        {
            return await RunAsync<LargeObjectContent?>(learner, ct, async (conn, token) =>
            {
                await using var cmd = new NpgsqlCommand("""
                    SELECT pg_catalog.lo_get(m.oid, 0, $2)
                    FROM pg_catalog.pg_largeobject_metadata AS m
                    WHERE m.oid = $1
                      AND (pg_catalog.pg_has_role(m.lomowner, 'USAGE')
                           OR EXISTS (SELECT 1 FROM pg_catalog.aclexplode(m.lomacl) AS a
                                      WHERE a.privilege_type = 'SELECT'
                                        AND (a.grantee = 0 OR pg_catalog.pg_has_role(a.grantee, 'USAGE'))))
                    """, conn);
                cmd.Parameters.AddWithValue(NpgsqlDbType.Oid, oid);
                cmd.Parameters.AddWithValue(maxBytes + 1);
                if (await cmd.ExecuteScalarAsync(token) is not byte[] bytes) return null;
                return bytes.Length > maxBytes
                    ? new LargeObjectContent(oid, bytes[..maxBytes], true)
                    : new LargeObjectContent(oid, bytes, false);
            }, skipWhenTransactionFailed: true);
        }
        catch (SandboxSqlException)
        {
            return null;
        }
    }

    private Task<T> RunAsync<T>(LearnerRef learner, CancellationToken ct, Func<NpgsqlConnection, CancellationToken, Task<T>> work,
        bool skipWhenTransactionFailed = false) =>
        runner.WithSessionAsync(learner, null, ct, async (scope, conn, wasReset) =>
        {
            if (skipWhenTransactionFailed && !wasReset && scope.Session.Transaction == TransactionStatus.Failed)
                throw new SandboxSqlException(SqlErrors.Simple(SandboxText.Of("LargeObject_TransactionFailed"), PostgresErrorCodes.InFailedSqlTransaction));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
            deadline.CancelAfter(options.Value.ClientDeadline);
            try
            {
                return await work(conn, deadline.Token);
            }
            catch (PostgresException e)
            {
                throw new SandboxSqlException(new SqlError(e.MessageText, e.SqlState, e.Detail, e.Hint), e);
            }
            finally
            {
                await scope.Session.PendingCancel;
                scope.Session.Transaction = await TransactionProbe.ProbeAsync(conn, CancellationToken.None);
            }
        }, error => throw new SandboxSqlException(error));

    /// <summary>An upload into a sandbox over its size limit is refused (Sandbox:MaxSandboxSize), as a statement would be.</summary>
    private async Task CheckQuotaAsync(LearnerRef learner, CancellationToken ct)
    {
        if (await quota.CheckAsync(learner.Id, ct) is { IsOver: true } over)
            throw new SandboxSqlException(new SqlError(over.Message, PostgresErrorCodes.DiskFull));
    }

    private void CheckSize(int length)
    {
        if (length > options.Value.MaxUploadBytes)
            throw new SandboxSqlException(new SqlError(
                $"The file has {length / 1024:N0} KB; the lab takes uploads of up to {options.Value.MaxUploadBytes / 1024:N0} KB.", "54000"));
    }
}
