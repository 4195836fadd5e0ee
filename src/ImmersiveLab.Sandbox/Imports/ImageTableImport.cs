using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Learners;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ImmersiveLab.Sandbox.Imports;

/// <summary>One image as a row of <c>img_raw</c> (info, ts, raw) and <c>img_vec</c> (pattern, signature, sig, embedding).</summary>
public sealed record ImageRow(string Info, DateTime Time, byte[] Bytes, float[] Pattern, float[] Signature, float[]? Embedding);

/// <summary>The learner's image tables do not have the columns an import needs.</summary>
public sealed class ImageTableException(string message) : Exception(message);

/// <summary>
/// A learner's <c>img_raw</c> and <c>img_vec</c>, open for an import: created when missing, locked, and written by
/// binary COPY in one transaction over the learner's own connection (as their role, on their sandbox's server), so
/// the tables belong to the learner, nothing the learner put in their database runs with more rights than theirs,
/// and a failure (or Ctrl+C) writes nothing. Ids continue after the highest one there. Columns the learner dropped
/// are left out; <see cref="CommitAsync"/> derives the sig cube and commits.
/// </summary>
public sealed class ImageTableImport : IAsyncDisposable
{
    public const string CreateTablesSql = """
        CREATE TABLE IF NOT EXISTS img_raw (id int PRIMARY KEY, info text, ts timestamp, raw bytea);
        CREATE TABLE IF NOT EXISTS img_vec (id int PRIMARY KEY REFERENCES img_raw(id), pattern vector(4096), signature vector(16),
                                            sig cube, embedding vector(1280));
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<string> _rawColumns;
    private readonly List<string> _vecColumns;
    private int _nextId;

    private ImageTableImport(NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction,
        HashSet<string> rawColumns, HashSet<string> vecColumns, int firstId)
    {
        _dataSource = dataSource;
        _connection = connection;
        _transaction = transaction;
        _rawColumns = new[] { "id", "info", "ts", "raw" }.Where(rawColumns.Contains).ToList();
        _vecColumns = new[] { "id", "pattern", "signature", "embedding" }.Where(vecColumns.Contains).ToList();
        HasSignatureCube = vecColumns.Contains("sig") && vecColumns.Contains("signature");
        FirstId = _nextId = firstId;
    }

    /// <summary>The id the first row written gets.</summary>
    public int FirstId { get; }

    public int Written => _nextId - FirstId;

    /// <summary>Whether img_vec has an embedding column (else embeddings need not be computed).</summary>
    public bool WantsEmbeddings => _vecColumns.Contains("embedding");

    private bool HasSignatureCube { get; }

    /// <exception cref="ImageTableException">img_raw has no id or raw column, or img_vec no id.</exception>
    public static async Task<ImageTableImport> BeginAsync(SandboxConnections connections, LearnerRef learner, CancellationToken ct)
    {
        var dataSource = await connections.CreateLearnerDataSourceAsync(learner.Id, "immersivelab-import", cs =>
        {
            cs.Pooling = false;
            cs.CommandTimeout = 0;
        }, ct);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(ct);
            var tx = await connection.BeginTransactionAsync(ct);
            // An import of many large files may take longer than a learner's statement limit; the admin asked for it.
            await ExecAsync(connection, tx, "SET LOCAL statement_timeout = 0", ct);
            await ExecAsync(connection, tx, CreateTablesSql, ct);
            var raw = await ColumnsAsync(connection, tx, "img_raw", ct);
            var vec = await ColumnsAsync(connection, tx, "img_vec", ct);
            foreach (var required in new[] { "id", "raw" })
                if (!raw.Contains(required)) throw new ImageTableException($"Your img_raw has no {required} column; drop it or add the column, then import again.");
            if (!vec.Contains("id")) throw new ImageTableException("Your img_vec has no id column; drop it or add the column, then import again.");
            await ExecAsync(connection, tx, "LOCK TABLE img_raw, img_vec IN SHARE ROW EXCLUSIVE MODE", ct);
            await using var next = new NpgsqlCommand("SELECT coalesce(max(id), 0) + 1 FROM img_raw", connection, tx);
            var firstId = Convert.ToInt32(await next.ExecuteScalarAsync(ct));
            return new ImageTableImport(dataSource, connection, tx, raw, vec, firstId);
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the rows (ids go on from the last ones) by binary COPY into both tables.</summary>
    public async Task CopyAsync(IReadOnlyList<ImageRow> rows, CancellationToken ct)
    {
        await CopyAsync("img_raw", _rawColumns, rows, (importer, column, row, id) => column switch
        {
            "id" => importer.WriteAsync(id, NpgsqlDbType.Integer, ct),
            "info" => importer.WriteAsync(row.Info, NpgsqlDbType.Text, ct),
            "ts" => importer.WriteAsync(DateTime.SpecifyKind(row.Time, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, ct),
            _ => importer.WriteAsync(row.Bytes, NpgsqlDbType.Bytea, ct),
        }, ct);
        await CopyAsync("img_vec", _vecColumns, rows, (importer, column, row, id) => column switch
        {
            "id" => importer.WriteAsync(id, NpgsqlDbType.Integer, ct),
            "pattern" => importer.WriteAsync(new Vector(row.Pattern), ct),
            "signature" => importer.WriteAsync(new Vector(row.Signature), ct),
            _ => row.Embedding is { } e ? importer.WriteAsync(new Vector(e), ct) : importer.WriteNullAsync(ct),
        }, ct);
        _nextId += rows.Count;
    }

    private async Task CopyAsync(string table, List<string> columns, IReadOnlyList<ImageRow> rows,
        Func<NpgsqlBinaryImporter, string, ImageRow, int, Task> write, CancellationToken ct)
    {
        await using var importer = await _connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        for (var n = 0; n < rows.Count; n++)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns) await write(importer, column, rows[n], _nextId + n);
        }
        await importer.CompleteAsync(ct);
    }

    /// <summary>Derives the sig cube of the rows written (cube has no binary COPY mapping in Npgsql) and commits.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (Written > 0 && HasSignatureCube)
            await ExecAsync(_connection, _transaction,
                $"UPDATE img_vec SET sig = cube(signature::real[]::float8[]) WHERE id >= {FirstId} AND id < {_nextId}", ct);
        await _transaction.CommitAsync(ct);
    }

    /// <summary>Closes the connection; without <see cref="CommitAsync"/> nothing was written.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private static async Task<HashSet<string>> ColumnsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT attname::text FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass($1) AND attnum > 0 AND NOT attisdropped", conn, tx);
        cmd.Parameters.AddWithValue(table);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) columns.Add(r.GetString(0));
        return columns;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
