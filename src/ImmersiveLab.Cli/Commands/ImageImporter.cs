using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Learners;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ImmersiveLab.Cli.Commands;

/// <summary>What an import did: rows written, files refused (with why), and whether embeddings were stored.</summary>
internal sealed record ImportSummary(int Imported, IReadOnlyList<(string File, string Reason)> Skipped, int FirstId, string? EmbeddingsMissing);

/// <summary>
/// <c>imlab import</c>'s work: every image file under a folder → one <c>img_raw</c> row (info = relative path,
/// ts = file time, raw = bytes) and one <c>img_vec</c> row (pattern, signature, sig cube, embedding) in a learner's
/// sandbox, by binary COPY, using every core (signatures in parallel, embeddings batched). Each file is validated and
/// fully converted before anything is written, so a bad file is skipped whole; all rows are written in one
/// transaction, so a failure (or Ctrl+C) writes nothing. The tables are created when
/// missing and written over the learner's own connection (as their role, on their sandbox's server), so they belong to
/// the learner and nothing the learner put in their database runs with more rights than theirs.
/// </summary>
internal sealed class ImageImporter(SandboxConnections connections, ImageValidator validator, ImageEmbedder embedder)
{
    public static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"];
    private const int Chunk = 16;

    public const string CreateTablesSql = """
        CREATE TABLE IF NOT EXISTS img_raw (id int PRIMARY KEY, info text, ts timestamp, raw bytea);
        CREATE TABLE IF NOT EXISTS img_vec (id int PRIMARY KEY REFERENCES img_raw(id), pattern vector(4096), signature vector(16),
                                            sig cube, embedding vector(1280));
        """;

    private sealed record Prepared(string Info, DateTime Time, byte[] Bytes, float[] Pattern, float[] Signature, float[]? Embedding);

    public async Task<ImportSummary> ImportAsync(LearnerRef learner, string directory, IProgress<(int Done, int Total, string File)>? progress, CancellationToken ct)
    {
        if (!Directory.Exists(directory)) throw new CliException($"No such folder: {directory}");
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new CliException($"No image files ({string.Join(", ", ImageExtensions)}) under {directory}.");

        await using var dataSource = await connections.CreateLearnerDataSourceAsync(learner.Id, "immersivelab-import", cs =>
        {
            cs.Pooling = false;
            cs.CommandTimeout = 0;
        }, ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // An import of many large files may take longer than a learner's statement limit; the admin asked for it.
        await ExecAsync(conn, tx, "SET LOCAL statement_timeout = 0", ct);
        await ExecAsync(conn, tx, CreateTablesSql, ct);
        var rawColumns = await ColumnsAsync(conn, tx, "img_raw", ct);
        var vecColumns = await ColumnsAsync(conn, tx, "img_vec", ct);
        foreach (var required in new[] { "id", "raw" })
            if (!rawColumns.Contains(required)) throw new CliException($"Your img_raw has no {required} column; drop it or add the column, then import again.");
        if (!vecColumns.Contains("id")) throw new CliException("Your img_vec has no id column; drop it or add the column, then import again.");
        await ExecAsync(conn, tx, "LOCK TABLE img_raw, img_vec IN SHARE ROW EXCLUSIVE MODE", ct);
        var firstId = Convert.ToInt32(await ScalarAsync(conn, tx, "SELECT coalesce(max(id), 0) + 1 FROM img_raw", ct));

        var skipped = new List<(string, string)>();
        string? embeddingsMissing = null;
        var nextId = firstId;
        var done = 0;
        var progressLock = new object();
        foreach (var chunk in files.Chunk(Chunk))
        {
            // The signature of each file on every core (each is one image on one thread), then the embeddings of the
            // chunk in one call (decoding on every core, then one batched inference), then one COPY.
            var outcomes = new (Prepared? Row, string Info, string? Error)[chunk.Length];
            Parallel.For(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, k =>
            {
                var info = Path.GetRelativePath(directory, chunk[k]).Replace('\\', '/');
                try
                {
                    outcomes[k] = (Prepare(info, chunk[k]), info, null);
                }
                catch (Exception e) when (e is ImageRejectedException or IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    outcomes[k] = (null, info, e.Message);
                }
                lock (progressLock) progress?.Report((++done, files.Count, info));
            });
            skipped.AddRange(outcomes.Where(o => o.Error is not null).Select(o => (o.Info, o.Error!)));
            var prepared = outcomes.Where(o => o.Row is not null).Select(o => o.Row!).ToList();
            if (prepared.Count == 0) continue;
            if (embeddingsMissing is null && vecColumns.Contains("embedding"))
            {
                try
                {
                    prepared = await EmbedAsync(prepared, skipped, ct);
                }
                catch (ModelUnavailableException e)
                {
                    embeddingsMissing = e.Message;
                }
            }
            if (prepared.Count == 0) continue;
            await CopyAsync(conn, prepared, nextId, rawColumns, vecColumns, ct);
            nextId += prepared.Count;
        }
        if (nextId > firstId && vecColumns.Contains("sig") && vecColumns.Contains("signature"))
            // cube has no binary COPY mapping in Npgsql: derive it from the signature, in the same transaction.
            await ExecAsync(conn, tx, $"UPDATE img_vec SET sig = cube(signature::real[]::float8[]) WHERE id >= {firstId} AND id < {nextId}", ct);
        await tx.CommitAsync(ct);
        return new ImportSummary(nextId - firstId, skipped, firstId, embeddingsMissing);
    }

    /// <summary>
    /// Embeds a chunk in one batch. A file the embedding's decoder refuses although its signature could be computed
    /// (rare: the two decode differently) fails the batch; then each file is embedded alone and the refused ones are
    /// skipped like any other bad file.
    /// </summary>
    private async Task<List<Prepared>> EmbedAsync(List<Prepared> prepared, List<(string, string)> skipped, CancellationToken ct)
    {
        try
        {
            var vectors = await embedder.EmbedBatchAsync(prepared.Select(p => p.Bytes).ToList(), ct);
            return prepared.Select((p, k) => p with { Embedding = vectors[k].Vector }).ToList();
        }
        catch (ImageRejectedException)
        {
            var kept = new List<Prepared>();
            foreach (var p in prepared)
            {
                try
                {
                    kept.Add(p with { Embedding = (await embedder.EmbedAsync(p.Bytes, ct)).Vector });
                }
                catch (ImageRejectedException e)
                {
                    skipped.Add((p.Info, e.Message));
                }
            }
            return kept;
        }
    }

    private Prepared Prepare(string info, string file)
    {
        var bytes = File.ReadAllBytes(file);
        validator.Validate(bytes);
        var analysis = ImgsmlrPipeline.Analyse(bytes);
        if (analysis.Signature.Values.Any(float.IsNaN))
            throw new ImageRejectedException(ImageRejectionReason.InvalidDimensions,
                "The image has a single grey level at 64×64, so its pattern and signature are NaN, which pgvector cannot store.");
        return new Prepared(info, File.GetLastWriteTimeUtc(file), bytes, analysis.Pattern.Values, analysis.Signature.Values, null);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, List<Prepared> rows, int firstId, HashSet<string> rawColumns, HashSet<string> vecColumns, CancellationToken ct)
    {
        var raw = new[] { "id", "info", "ts", "raw" }.Where(rawColumns.Contains).ToList();
        await using (var importer = await conn.BeginBinaryImportAsync($"COPY img_raw ({string.Join(", ", raw)}) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var n = 0; n < rows.Count; n++)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in raw)
                {
                    switch (column)
                    {
                        case "id": await importer.WriteAsync(firstId + n, NpgsqlDbType.Integer, ct); break;
                        case "info": await importer.WriteAsync(rows[n].Info, NpgsqlDbType.Text, ct); break;
                        case "ts": await importer.WriteAsync(DateTime.SpecifyKind(rows[n].Time, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, ct); break;
                        case "raw": await importer.WriteAsync(rows[n].Bytes, NpgsqlDbType.Bytea, ct); break;
                    }
                }
            }
            await importer.CompleteAsync(ct);
        }
        var vec = new[] { "id", "pattern", "signature", "embedding" }.Where(vecColumns.Contains).ToList();
        await using (var importer = await conn.BeginBinaryImportAsync($"COPY img_vec ({string.Join(", ", vec)}) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var n = 0; n < rows.Count; n++)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in vec)
                {
                    switch (column)
                    {
                        case "id": await importer.WriteAsync(firstId + n, NpgsqlDbType.Integer, ct); break;
                        case "pattern": await importer.WriteAsync(new Vector(rows[n].Pattern), ct); break;
                        case "signature": await importer.WriteAsync(new Vector(rows[n].Signature), ct); break;
                        case "embedding":
                            if (rows[n].Embedding is { } e) await importer.WriteAsync(new Vector(e), ct);
                            else await importer.WriteNullAsync(ct);
                            break;
                    }
                }
            }
            await importer.CompleteAsync(ct);
        }
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

    private static async Task<object?> ScalarAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return await cmd.ExecuteScalarAsync(ct);
    }
}
